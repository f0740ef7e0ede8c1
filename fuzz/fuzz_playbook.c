/* fuzz_playbook.c - libFuzzer target for the playbook parser (src/core/playbook.c, libfyaml):
 * the input is a playbook's YAML text. A text that parses must render as JSON
 * (io/playbook_json.c) that parses again into the same playbook, as playbook_json.h promises;
 * a text that does not must come with an error message. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/playbook.h"
#include "io/playbook_json.h"

static char *render(const struct playbook *pb)
{
	json_t *j = playbook_to_json(pb);
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) : NULL;

	json_decref(j);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pb_errors all = {.n = 0};
	struct bt_error err;
	struct playbook *pb, *again;
	char *copy = malloc(size ? size : 1), *json, *json2;

	/* exactly size bytes, no NUL after them: a read past the end is caught */
	if (size)
		memcpy(copy, data, size);
	bt_error_clear(&err);
	pb = playbook_parse(copy, size, "fuzz.yaml", &err, &all);
	if (!pb) {
		if (!err.message[0] || all.n < 1 || all.n > PB_MAX_ERRORS)
			abort(); /* a refusal always says why */
		free(copy);
		return 0;
	}
	json = render(pb);
	if (!json)
		abort();
	bt_error_clear(&err);
	again = playbook_parse(json, strlen(json), "fuzz.json", &err, NULL);
	if (!again && strstr(json, "''''") && strstr(err.message, "4 or more '")) {
		/* refused by design (src/core/playbook.c): a text escaped in double quotes, such as
		 * "\x27" four times, renders as 4 ' in a row */
		free(json);
		playbook_free(&pb);
		free(copy);
		return 0;
	}
	if (!again) {
		fprintf(stderr, "the JSON of a valid playbook does not parse: line %d: %s: %s\n%s\n", err.line, err.field,
			err.message, json);
		abort();
	}
	json2 = render(again);
	if (!json2 || strcmp(json, json2) != 0) {
		fprintf(stderr, "the playbook changed through JSON:\n%s\n%s\n", json, json2 ? json2 : "(null)");
		abort();
	}
	free(json2);
	free(json);
	playbook_free(&again);
	playbook_free(&pb);
	free(copy);
	return 0;
}
