/* replay_changes.c - a replay's changes to reps: CHANGES.json read and checked against the
 * source store (the settings by core/rep_settings.c, as `rep set`; the absences by
 * core/absence.c, as `rep away`), then applied in the scratch as replay.c re-creates each rep.
 * See replay_changes.h. */
#include "service/replay_changes.h"

#include <stdlib.h>
#include <string.h>

#include "core/absence.h"
#include "core/action_args.h"
#include "core/rep_settings.h"
#include "service/absence.h"
#include "service/service.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* the JSON types a setting's value may have */
#define TAKES_STRING 1u
#define TAKES_WHOLE 2u
#define TAKES_BOOL 4u
#define TAKES_LIST 8u /* an array of strings, joined by commas */

/* The settings of a rep that CHANGES.json names otherwise than (or besides) the rows of
 * core/action_args.c's rep_args, which it takes by their names (weight, email, slack,
 * full_name). */
static const struct change_setting {
	const char *name;  /* the member of "reps": {NAME: {...}} (as rep_json prints it) */
	size_t offset;     /* of its words in struct rep_settings */
	unsigned takes;    /* TAKES_* */
	const char *what;  /* what it must be, said when the value has another type */
} change_settings[] = {
	{"team", offsetof(struct rep_settings, team), TAKES_STRING, "a string"},
	{"manager", offsetof(struct rep_settings, manager), TAKES_STRING, "a rep's name"},
	{"territories", offsetof(struct rep_settings, territory), TAKES_LIST | TAKES_STRING,
	 "a list of territories (or one string, comma-separated)"},
	{"pod", offsetof(struct rep_settings, pod), TAKES_STRING, "a string"},
	{"capacity", offsetof(struct rep_settings, capacity), TAKES_WHOLE | TAKES_STRING, "a whole number or \"none\""},
	{"hours", offsetof(struct rep_settings, hours), TAKES_STRING, "\"HH:MM-HH:MM\" or \"default\""},
	{"timezone", offsetof(struct rep_settings, timezone), TAKES_STRING, "an IANA time zone or \"default\""},
	{"active", offsetof(struct rep_settings, active), TAKES_BOOL, "true or false"},
};

/* One rep's new settings. */
struct change_rep {
	const char *name;
	struct rep_settings set;
};

/* One new absence, as `rep away` takes it. */
struct change_absence {
	const char *rep, *from, *to, *reason;
	int64_t start, finish; /* as read in the rep's zone of the source (to check overlaps) */
};

struct replay_changes {
	struct arena *a; /* owns everything below */
	struct change_rep *reps;
	size_t nreps, capreps;
	struct change_absence *abs;
	size_t nabs, capabs;
};

/* Turns err (a setter's refusal) into one about `path`: field path, message "path: ...",
 * the code BT_BAD_INPUT (a storage failure stays as it is). Returns the negative code. */
static int at_path(struct bt_error *err, const char *path)
{
	char msg[sizeof(err->message)];
	const char *m = err->message;

	if (err->code == BT_STORAGE)
		return -BT_STORAGE;
	if (strncmp(m, "--", 2) == 0)
		m += 2; /* the command line's words: here a member */
	snprintf(msg, sizeof(msg), "%s", m);
	return bt_fail(err, BT_BAD_INPUT, path, 0, "%s: %s", path, msg);
}

/* The words of value v for setting row `takes`: a copy of a string, a whole number or a
 * boolean written out, a list joined by commas; NULL if v has another type. */
static const char *words_of(struct arena *a, json_t *v, unsigned takes)
{
	struct strbuf sb;
	json_t *x;
	size_t i;
	char *s;

	if ((takes & TAKES_STRING) && json_is_string(v))
		return arena_strdup(a, json_string_value(v));
	if ((takes & TAKES_WHOLE) && json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	if ((takes & TAKES_BOOL) && json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	if (!(takes & TAKES_LIST) || !json_is_array(v))
		return NULL;
	strbuf_init(&sb);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			strbuf_release(&sb);
			return NULL;
		}
		if (i)
			strbuf_addch(&sb, ',');
		strbuf_addstr(&sb, json_string_value(x));
	}
	s = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* Where member `name` of a rep's changes goes in a struct rep_settings, and what it takes;
 * NULL for a member no setting has. */
static const char **setting_slot(struct rep_settings *set, const char *name, unsigned *takes, const char **what)
{
	const struct arg_spec *arg = arg_find(rep_args, rep_args_n, name, 0);
	size_t i;

	for (i = 0; i < sizeof(change_settings) / sizeof(change_settings[0]); i++)
		if (strcmp(change_settings[i].name, name) == 0) {
			*takes = change_settings[i].takes;
			*what = change_settings[i].what;
			return (const char **)((char *)set + change_settings[i].offset);
		}
	if (!arg || (size_t)(arg - rep_args) >= sizeof(set->rep_args) / sizeof(set->rep_args[0]))
		return NULL;
	*takes = arg->kind == ARG_WHOLE ? TAKES_WHOLE : TAKES_STRING;
	*what = arg->kind == ARG_WHOLE ? "a whole number" : "a string";
	return &set->rep_args[arg - rep_args];
}

/* Reads the settings o gives rep `name` of src into cr, each checked on its own against the
 * rep as src holds it (so a refusal names its member). */
static int load_rep(struct service *src, struct replay_changes *c, const char *name, json_t *o, struct change_rep *cr,
		    struct bt_error *err)
{
	const char *path = arena_printf(c->a, "changes.reps.%s", name), *key;
	struct strbuf changed;
	struct rep r, mgr;
	json_t *v;
	int rc = 0;

	cr->name = arena_strdup(c->a, name);
	if (!json_is_object(o))
		return bt_fail(err, BT_BAD_INPUT, path, 0, "%s: must be an object of settings", path);
	if (store_rep_get(src->store, c->a, name, &r, err))
		return at_path(err, path);
	strbuf_init(&changed);
	json_object_foreach(o, key, v) {
		const char *at = arena_printf(c->a, "%s.%s", path, key), *what = NULL, **slot;
		struct rep_settings one = {0};
		unsigned takes = 0;

		slot = setting_slot(&one, key, &takes, &what);
		if (!slot) {
			rc = bt_fail(err, BT_BAD_INPUT, at, 0,
				     "%s: unknown setting (those of `rep set`: see docs/replay.md)", at);
			break;
		}
		*slot = words_of(c->a, v, takes);
		if (!*slot) {
			rc = bt_fail(err, BT_BAD_INPUT, at, 0, "%s: must be %s", at, what);
			break;
		}
		rc = rep_settings_apply(&r, &one, c->a, &changed, err);
		if (!rc && one.manager && one.manager[0] && store_rep_get(src->store, c->a, one.manager, &mgr, err))
			rc = bt_fail(err, BT_BAD_INPUT, at, 0, "no rep named %s", one.manager);
		if (rc) {
			rc = at_path(err, at);
			break;
		}
		*setting_slot(&cr->set, key, &takes, &what) = *slot;
	}
	strbuf_release(&changed);
	return rc;
}

/* Reads member `key` of absence o, a string (NULL if absent and not required). */
static int absence_text(struct replay_changes *c, json_t *o, const char *key, int required, const char *path,
			const char **out, struct bt_error *err)
{
	json_t *v = json_object_get(o, key);

	*out = v && json_is_string(v) ? arena_strdup(c->a, json_string_value(v)) : NULL;
	if (*out || (!v && !required))
		return 0;
	path = arena_printf(c->a, "%s.%s", path, key);
	return bt_fail(err, BT_BAD_INPUT, path, 0, "%s: %s", path, v ? "must be a string" : "is required");
}

/* Reads absence number i (o) into ca: its rep in src, its period as `rep away` reads it in
 * the rep's zone, its reason; not over before the rep was added, not overlapping another
 * absence of the changes. */
static int load_absence(struct service *src, struct replay_changes *c, size_t i, json_t *o, struct change_absence *ca,
			struct bt_error *err)
{
	const char *path = arena_printf(c->a, "changes.absences[%zu]", i), *key;
	struct absence ab = {0};
	struct rep r;
	json_t *v;
	size_t j;
	int rc = 0;

	if (!json_is_object(o))
		return bt_fail(err, BT_BAD_INPUT, path, 0, "%s: must be an object {rep, from, to, reason}", path);
	json_object_foreach(o, key, v)
		if (strcmp(key, "rep") != 0 && strcmp(key, "from") != 0 && strcmp(key, "to") != 0 &&
		    strcmp(key, "reason") != 0)
			return bt_fail(err, BT_BAD_INPUT, path, 0, "%s.%s: unknown member (rep, from, to, reason)",
				       path, key);
	rc = absence_text(c, o, "rep", 1, path, &ca->rep, err);
	if (!rc)
		rc = absence_text(c, o, "from", 1, path, &ca->from, err);
	if (!rc)
		rc = absence_text(c, o, "to", 1, path, &ca->to, err);
	if (!rc)
		rc = absence_text(c, o, "reason", 0, path, &ca->reason, err);
	if (rc)
		return rc;
	if (store_rep_get(src->store, c->a, ca->rep, &r, err))
		return at_path(err, arena_printf(c->a, "%s.rep", path));
	rc = absence_period(rep_zone(src->pb, &r), ca->from, ca->to, &ca->start, &ca->finish, err);
	ab.rep = r.name;
	ab.start = ca->start;
	ab.finish = ca->finish;
	ab.reason = ca->reason && ca->reason[0] ? ca->reason : NULL;
	if (!rc)
		rc = absence_check_new(&ab, NULL, 0, r.created_at, err);
	for (j = 0; !rc && j < i; j++)
		if (strcmp(c->abs[j].rep, ca->rep) == 0 && c->abs[j].start < ca->finish && ca->start < c->abs[j].finish)
			rc = bt_fail(err, BT_BAD_INPUT, "from", 0, "%s is already away then (changes.absences[%zu])",
				     ca->rep, j);
	return rc ? at_path(err, arena_printf(c->a, "%s.%s", path, err->field)) : 0;
}

int replay_changes_load(struct service *src, json_t *changes, struct replay_changes **out, struct bt_error *err)
{
	struct replay_changes *c;
	json_t *reps = json_object_get(changes, "reps"), *abs = json_object_get(changes, "absences"), *v;
	const char *key;
	size_t i;
	int rc = 0;

	*out = NULL;
	if (!changes)
		return 0;
	if (!json_is_object(changes))
		return bt_fail(err, BT_BAD_INPUT, "changes", 0, "changes: must be an object {\"reps\", \"absences\"}");
	json_object_foreach(changes, key, v)
		if (strcmp(key, "reps") != 0 && strcmp(key, "absences") != 0)
			return bt_fail(err, BT_BAD_INPUT, "changes", 0, "changes.%s: unknown member (reps, absences)",
				       key);
	if (reps && !json_is_object(reps))
		return bt_fail(err, BT_BAD_INPUT, "changes.reps", 0,
			       "changes.reps: must be an object {NAME: {SETTING: VALUE}}");
	if (abs && !json_is_array(abs))
		return bt_fail(err, BT_BAD_INPUT, "changes.absences", 0, "changes.absences: must be a list");
	c = bt_calloc(sizeof(*c), err);
	if (!c)
		return -BT_STORAGE;
	c->a = arena_new();
	json_object_foreach(reps, key, v) {
		rc = load_rep(src, c, key, v,
			      arena_push(c->a, (void **)&c->reps, &c->nreps, &c->capreps, sizeof(*c->reps)), err);
		if (rc)
			break;
	}
	json_array_foreach(abs, i, v) {
		if (rc)
			break;
		rc = load_absence(src, c, i, v,
				  arena_push(c->a, (void **)&c->abs, &c->nabs, &c->capabs, sizeof(*c->abs)), err);
	}
	if (rc)
		replay_changes_free(&c);
	*out = c;
	return rc;
}

void replay_changes_free(struct replay_changes **c)
{
	if (!*c)
		return;
	arena_free(&(*c)->a);
	free(*c);
	*c = NULL;
}

int replay_changes_rep(const struct replay_changes *c, struct rep *r, struct arena *a, struct bt_error *err)
{
	struct strbuf changed;
	size_t i;
	int rc = 0;

	for (i = 0; c && i < c->nreps; i++)
		if (strcmp(c->reps[i].name, r->name) == 0) {
			strbuf_init(&changed);
			rc = rep_settings_apply(r, &c->reps[i].set, a, &changed, err);
			strbuf_release(&changed);
			if (rc)
				return at_path(err, arena_printf(a, "changes.reps.%s", r->name));
		}
	return rc;
}

int replay_changes_absences(const struct replay_changes *c, struct service *dst, struct arena *a, const char *name,
			    struct bt_error *err)
{
	struct absence out;
	size_t i;
	int rc;

	for (i = 0; c && i < c->nabs; i++) {
		const struct change_absence *ca = &c->abs[i];

		if (strcmp(ca->rep, name) != 0)
			continue;
		rc = service_absence_add(dst, a, NULL, ca->rep, ca->from, ca->to, ca->reason, &out, err);
		if (rc)
			return at_path(err, arena_printf(a, "changes.absences[%zu]", i));
	}
	return 0;
}
