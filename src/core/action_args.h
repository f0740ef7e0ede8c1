/* action_args.h - the arguments of the lifecycle actions, of a lead's intake and of a rep's
 * settings, each in one table (nginx's ngx_command_t): a field's name, its kind, where it goes (offsetof) and which
 * actions take it. The command line (cli/cmd_act.c, cli/cmd_lead.c) reads a value's text and
 * the API (http/routes.c, through io/args_json.c) a JSON value, and both hand it to the one
 * setter of the row's kind (as ngx_conf_set_num_slot), so a field's name, bound and parsing are
 * written once; the bounds themselves are core/bounds.c's. */
#ifndef BATON_ACTION_ARGS_H
#define BATON_ACTION_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/bounds.h"
#include "core/lifecycle.h"
#include "util/error.h"

struct arena;

enum arg_kind {
	ARG_TEXT,    /* const char *: the text as given (checked later by the core) */
	ARG_WHOLE,   /* int64_t: a whole number within the row's bound (core/bounds.c) */
	ARG_AMOUNT,  /* int64_t cents: at most two decimals, from 0 to BOUND_AMOUNT_MAX */
	ARG_TIME,    /* int64_t: an RFC 3339 time */
	ARG_UNTIL,   /* int64_t: a date (the start of that day in the org's zone) or an RFC 3339 time */
	ARG_KV,      /* struct kvlist: key=value pairs (the command line's OPT_KV fills it) */
	ARG_CHANNEL, /* enum channel: inbound or outbound */
	ARG_OUTCOME, /* enum action: close's outcome, won (ACT_WIN) or lost (ACT_LOSE) */
	ARG_KIND_COUNT
};

/* One argument: the same name on the command line (--name) and in a JSON body ("name"). */
struct arg_spec {
	const char *name;   /* "minutes" */
	enum arg_kind kind;
	/* of the field in struct action_input (actions), struct lead (intake), struct meeting_input
	 * or struct rep */
	size_t offset;
	enum bound bound;   /* ARG_WHOLE: the field's bound; else unused */
	unsigned actions;   /* actions: ARG_ACT(ACT_TOUCH) | ...; intake: 0 */
	const char *cli;    /* the command line's name where it differs (--note for "notes"), or NULL */
};

#define ARG_ACT(a) (1u << (a))

/* What an action's arguments fill: the core's request and the AE a handoff names. */
struct action_input {
	struct action_req req;
	const char *to; /* handoff: the AE asked for (--to, "to"), NULL to let routing pick; assign: the new owner */
};

/* What a setter may need besides the value. */
struct arg_ctx {
	struct arena *a;  /* copies of JSON strings (the command line's argv outlives the command) */
	const char *zone; /* the org's time zone (ARG_UNTIL); may be NULL for other kinds */
};

/* The actions' arguments, in the order they are checked; action_args_n rows. */
extern const struct arg_spec action_args[];
extern const size_t action_args_n;

/* The intake fields of a lead (lead add, POST /api/v1/leads), in the order they are checked. */
extern const struct arg_spec intake_args[];
extern const size_t intake_args_n;

/* What a meeting outcome's arguments fill (`meeting held|no-show|reschedule|cancel`,
 * POST /api/v1/meetings/{id}/outcome); the use case checks which outcome takes which. */
struct meeting_input {
	int64_t at;            /* reschedule: the new start; 0: none (a task to find one) */
	const char *initiator; /* reschedule, cancel: seller or prospect */
};

/* The arguments of a meeting outcome, in the order they are checked. */
extern const struct arg_spec meeting_args[];
extern const size_t meeting_args_n;

/* The settings of a rep that `rep add` and `rep set` take through this table (SPEC 8.5: the
 * weight; 8.6: the contact details, email and slack, checked by rep_contact_check), in the
 * order they are checked. */
extern const struct arg_spec rep_args[];
extern const size_t rep_args_n;

/* The row of table t[0..n) named `name` that one of the actions in mask takes (mask 0: any row);
 * NULL if none. */
const struct arg_spec *arg_find(const struct arg_spec *t, size_t n, const char *name, unsigned mask);

/* The row's name on the command line, without the dashes; static string. */
const char *arg_cli_name(const struct arg_spec *s);

/* The field a row points at in base (a struct action_input or a struct lead). */
void *arg_field(const struct arg_spec *s, void *base);

/* Clears in and sets what an action's request holds when no argument says otherwise (the
 * handoff meeting's 30 minutes). */
void action_input_init(struct action_input *in, enum action act);

/* Sets s's field in base from the command line's text (one setter per kind): 0, or a negative
 * code with *err naming the field; the messages are the command line's (--meeting, --channel).
 * ARG_KV has no text setter (cli_parse splits its words): -BT_USAGE. Text is borrowed. */
int arg_set_text(const struct arg_spec *s, void *base, const char *text, const struct arg_ctx *ctx,
		 struct bt_error *err);

/* Reads `until`: an RFC 3339 time, or a date taken as the start of that day in `zone`; 0,
 * -BT_BAD_INPUT naming "until", or -BT_STORAGE for an unknown zone. */
int arg_until(const char *zone, const char *s, int64_t *out, struct bt_error *err);

/* won -> ACT_WIN, lost -> ACT_LOSE; 0, or -1 for anything else (s may be NULL). */
int arg_outcome(const char *s, enum action *out);

/* A new lead's source when none is given (NULL or ""): web_form inbound, target_list outbound. */
void intake_default_source(struct lead *l);

#endif
