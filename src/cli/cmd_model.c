/* cmd_model.c - `baton model train|show`: the fit model learned from the store's closed
 * history, explained in words a sales-ops lead reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/model_train.h"
#include "io/model_json.h"
#include "service/model.h"

static json_t *calibration_json(const struct fit_bucket *b)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < FIT_BUCKETS; i++)
		json_array_append_new(arr, json_pack("{s:f, s:f, s:f, s:I}", "from", i / 10.0, "mean_predicted",
						     b[i].mean_predicted, "observed", b[i].observed, "count",
						     (json_int_t)b[i].count));
	return arr;
}

static int model_train_cmd(struct cli *cli)
{
	struct train_report rep = {0};
	int64_t version;
	int rc = 0, i;

	if (!rc)
		rc = service_model_train(cli->svc, &rep, &version, &cli->err);
	if (rc) {
		return cli_exit(rc);
	}
	if (cli->json) {
		json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:f}", "version", (json_int_t)version, "trained_on",
				      (json_int_t)cli->svc->model->trained_on, "positives", (json_int_t)rep.positives, "held_out",
				      (json_int_t)rep.n_test, "auc", rep.auc);

		json_object_set_new(o, "calibration", calibration_json(rep.calibration));
		json_object_set_new(o, "in_use", json_boolean(cli->svc->pb->fit.model_use == PB_MODEL_ON ||
							      (cli->svc->pb->fit.model_use == PB_MODEL_AUTO &&
							       cli->svc->model->trained_on >= cli->svc->pb->fit.min_history)));
		cli_print_json(o);
	} else {
		printf("Trained fit model version %lld on %lld closed leads (%zu good), holding out %zu.\n",
		       (long long)version, (long long)cli->svc->model->trained_on, rep.positives, rep.n_test);
		printf("AUC on the held-out leads: %.3f (0.5 is guessing, 1 is a perfect ranking)\n", rep.auc);
		printf("Calibration (predicted -> observed, held-out leads):\n");
		for (i = 0; i < FIT_BUCKETS; i++)
			if (rep.calibration[i].count)
				printf("  %3d-%3d%%: predicted %5.1f%%  observed %5.1f%%  (%lld leads)\n", i * 10, i * 10 + 10,
				       rep.calibration[i].mean_predicted * 100, rep.calibration[i].observed * 100,
				       (long long)rep.calibration[i].count);
		if (cli->svc->pb->fit.model_use == PB_MODEL_OFF)
			printf("The playbook's fit.model is off: new leads are graded by rules alone.\n");
		else if (cli->svc->pb->fit.model_use == PB_MODEL_AUTO && cli->svc->model->trained_on < cli->svc->pb->fit.min_history)
			printf("Only %lld closed leads, fewer than min_history %lld: new leads are graded by rules alone "
			       "until then.\n",
			       (long long)cli->svc->model->trained_on, (long long)cli->svc->pb->fit.min_history);
		else
			printf("New leads are scored and graded by this model from now on.\n");
	}
	return 0;
}

static int model_show_cmd(struct cli *cli)
{
	int rc = 0;

	if (!rc && !cli->svc->model)
		rc = bt_fail(&cli->err, BT_NOT_FOUND, "model", 0,
			     cli->svc->pb->fit.on && cli->svc->pb->fit.model_use != PB_MODEL_OFF
				     ? "no fit model has been trained: run `baton model train`; leads are graded by rules alone"
				     : "the playbook's fit.model is off: leads are graded by rules alone");
	if (rc) {
		return cli_exit(rc);
	}
	if (cli->json) {
		cli_print_json(fit_model_json(cli->svc->model));
	} else {
		char *text = model_explain(cli->svc->model, 5);

		printf("Fit model version %lld\n%s", (long long)cli->svc->model->version, text ? text : "");
		if (text && text[0] && text[strlen(text) - 1] != '\n')
			putchar('\n');
		free(text);
	}
	return 0;
}

int cmd_model(struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = cli->cmd;
	const char *pos[1] = {0};
	int rc = cli_parse(cli, cmd, argc, argv, NULL, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "train") == 0)
		return model_train_cmd(cli);
	if (strcmp(pos[0], "show") == 0)
		return model_show_cmd(cli);
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "model: expected train or show"));
}
