/* service.c - the service every use case runs on: the store opened, the playbook in force and
 * the latest fit model loaded and refreshed, the rotation cursors' keys, a rep's manager; see
 * service.h. It calls no use case: the use cases (admin.c, act.c, intake.c, ...) call it. */
#include "service/service.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/fit.h"
#include "core/meeting.h"
#include "core/tz.h"
#include "io/model_json.h"
#include "util/arena.h"

/* Loads the playbook in force (and the latest fit model when the playbook uses one). */
static int load_playbook(struct service *svc, struct bt_error *err)
{
	struct arena *a = arena_new();
	const char *text = NULL;
	int rc = store_playbook_current(svc->store, a, &text, &svc->pb_version, err);

	if (!rc) {
		svc->pb = playbook_parse(text, strlen(text), "stored playbook", err, NULL);
		if (!svc->pb)
			rc = bt_fail(err, BT_STORAGE, "playbook", err->line, "the stored playbook does not parse: %s",
				     err->message);
	}
	if (!rc && svc->pb->fit.on && svc->pb->fit.model_use != PB_MODEL_OFF) {
		const char *data;
		int64_t version;

		rc = store_model_current(svc->store, a, &data, &version, err);
		if (rc == -BT_NOT_FOUND) {
			rc = 0;
		} else if (!rc) {
			svc->model = fit_model_from_json(data, err);
			if (!svc->model)
				rc = bt_fail(err, BT_STORAGE, "model", 0, "stored fit model %lld is unreadable: %s",
					     (long long)version, err->message);
			else
				svc->model->version = version;
		}
	}
	arena_free(&a);
	return rc;
}

static int open_mode(struct service *svc, const char *url, int64_t now, enum store_mode mode, struct bt_error *err)
{
	int rc;

	memset(svc, 0, sizeof(*svc));
	svc->now = now;
	rc = store_open(url, mode, &svc->store, err);
	if (!rc)
		rc = load_playbook(svc, err);
	if (rc)
		service_close(svc);
	return rc;
}

int service_open(struct service *svc, const char *url, int64_t now, struct bt_error *err)
{
	return open_mode(svc, url, now, STORE_EXISTING, err);
}

int service_open_readonly(struct service *svc, const char *url, int64_t now, struct bt_error *err)
{
	return open_mode(svc, url, now, STORE_READONLY, err);
}

int service_refresh(struct service *svc, struct bt_error *err)
{
	int64_t version = 0, model = 0;
	int rc = store_versions(svc->store, &version, &model, err);
	int uses_model = svc->pb->fit.on && svc->pb->fit.model_use != PB_MODEL_OFF;

	/* a playbook applied, or a model trained, by another process since */
	if (rc || (version == svc->pb_version && (!uses_model || model == (svc->model ? svc->model->version : 0))))
		return rc;
	playbook_free(&svc->pb);
	fit_model_free(&svc->model);
	return load_playbook(svc, err);
}

void service_close(struct service *svc)
{
	store_close(&svc->store);
	playbook_free(&svc->pb);
	fit_model_free(&svc->model);
}

const char *service_cursor_key(struct arena *a, int role)
{
	return arena_printf(a, "rotation.%s", role_name((enum role)role));
}

int service_manager_of(struct service *svc, struct arena *a, const char *name, const char **boss, struct bt_error *err)
{
	struct rep r;
	int rc;

	*boss = NULL;
	if (!name)
		return 0;
	rc = store_rep_get(svc->store, a, name, &r, err);
	if (rc == -BT_NOT_FOUND) { /* not a rep (any more): nobody's team */
		bt_error_clear(err);
		return 0;
	}
	if (!rc)
		*boss = r.manager;
	return rc;
}
