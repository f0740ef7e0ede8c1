/* cli.h - what every command of the command line shares: the global options, option parsing
 * from a table, value conversion with range checks, opening the service and printing. Each
 * cmd_*.c file holds one command group with the signature of struct command. The files call
 * one way: main.c (the table and the dispatch) calls the commands, which call args.c and
 * find their own row of the table in cli->cmd, never main.c. */
#ifndef BATON_CLI_H
#define BATON_CLI_H

#include <jansson.h>
#include <stdint.h>

#include "service/service.h"
#include "util/error.h"
#include "util/kv.h"

struct arena;
struct command;
struct table;

struct cli {
	const char *db;      /* --db, $BATON_DB or ./baton.db */
	int64_t now;         /* --now, or the wall clock read once at start */
	int64_t fixed_now;   /* --now as given, 0 if not given (serve: a frozen clock) */
	int json;            /* --json */
	const struct command *cmd; /* the command running, its row of main.c's table (set by main) */
	struct arena *a;     /* freed when the command ends */
	struct bt_error err; /* the error the command failed with */
	struct service *svc; /* a RUN_SETUP command's open service (&service), else NULL */
	struct service service; /* where svc points; opened and closed by the dispatcher */
	int setup_pending;   /* RUN_SETUP put off because --help was on the line: cli_parse opens
				the service if the words turn out not to ask for help */
};

/* Flags of a command (git's RUN_SETUP): what the dispatcher does around it. */
enum {
	RUN_SETUP = 1 << 0, /* open the service (store and playbook) before, close it after; the
			       command finds it in cli->svc */
	RUN_READONLY = 1 << 1, /* with RUN_SETUP: the store read only (service_open_readonly) */
};

struct command {
	const char *name;     /* "lead" */
	int (*run)(struct cli *cli, int argc, char **argv); /* returns the exit code */
	unsigned flags;       /* RUN_SETUP, RUN_READONLY */
	const char *summary;  /* one line for `baton help` */
	const char *usage;    /* the full help text */
};

/* A sub-command of a command group (`lead add`): run with the words from its own on. */
struct cli_sub {
	const char *name; /* "add" */
	int (*run)(struct cli *cli, int argc, char **argv); /* returns the exit code */
};

enum opt_kind { OPT_STR, OPT_FLAG, OPT_KV };

struct cli_opt {
	const char *name;  /* without the dashes */
	enum opt_kind kind;
	void *dest;        /* const char ** (OPT_STR), int * (OPT_FLAG), struct kvlist * (OPT_KV) */
};

/* Parses argv (argv[0] = the command words) against opts; positionals go to pos[0..max).
 * Extra key=value words after an OPT_KV option are added to it. Returns 0, 1 if --help was
 * asked (usage printed), or a negative code with cli->err set; a setup put off for --help is
 * done once the words parse without asking for it. */
int cli_parse(struct cli *cli, const struct command *cmd, int argc, char **argv, const struct cli_opt *opts,
	      const char **pos, int min, int max, int *npos);

/* Runs the sub-command of cmd that argv[1] names, one of subs (ended by a NULL name), with
 * argv[1..argc); --help or -h prints the usage; no word or another is a usage error naming
 * the sub-commands. Returns the exit code. */
int cli_dispatch(struct cli *cli, const struct command *cmd, const struct cli_sub *subs, int argc, char **argv);

/* 1 if arg asks for help (--help or -h), else 0. */
int cli_is_help(const char *arg);

/* Converts a decimal integer argument in [min, max]; 0 or -BT_BAD_INPUT naming field. */
int cli_int(struct cli *cli, const char *s, const char *field, int64_t min, int64_t max, int64_t *out);
/* Converts an RFC 3339 time argument; 0 or -BT_BAD_INPUT. */
int cli_time(struct cli *cli, const char *s, const char *field, int64_t *out);
/* Converts an id argument (digits only, from 1); 0, or -BT_BAD_INPUT naming field with the
 * message "'S' is not <what>". */
int cli_id(struct cli *cli, const char *s, const char *field, const char *what, int64_t *out);
/* Converts a lead id argument; 0 or -BT_BAD_INPUT. */
int cli_lead_id(struct cli *cli, const char *s, int64_t *out);
/* Reads --from and --to (either may be NULL: *f and *t keep what they hold) as the reports
 * take them (view_parse_bound); 0, or -BT_BAD_INPUT when one does not read or --to is not
 * after --from. */
int cli_window(struct cli *cli, const char *from, const char *to, int64_t *f, int64_t *t);

/* Opens the store and its playbook for a command without RUN_SETUP (serve, playbook, webhook);
 * 0 or a negative code; the caller closes svc with service_close. */
int cli_service(struct cli *cli, struct service *svc);

/* The dispatcher's setup of a RUN_SETUP command whose words are argv[1..argc): opens
 * cli->service and points cli->svc at it, or, when a word asks for help, leaves that to
 * cli_parse (so `baton touch --help` needs no store). 0 or a negative code with cli->err. */
int cli_setup(struct cli *cli, int argc, char **argv);

/* Closes what cli_setup opened; cli->svc becomes NULL. */
void cli_teardown(struct cli *cli);

/* A listing: rows printed as a JSON array (--json) or as a table, added one at a time. */
struct cli_rows {
	json_t *arr;      /* --json: the rows so far, else NULL */
	struct table *t;  /* without --json: the table, else NULL */
	int64_t n;        /* rows added */
	const char *zone; /* the org's time zone, which cells show times in */
};

/* Starts rows: a JSON array with --json, else a table of ncols columns headed head; the
 * zone is the open service's (RUN_SETUP), else NULL. */
void cli_rows_begin(struct cli *cli, struct cli_rows *r, size_t ncols, const char *const *head);
/* Adds a row: o (taken) to the JSON array, else cells to the table. Build o only when r->arr
 * is set; it is NULL otherwise. */
void cli_rows_add(struct cli_rows *r, json_t *o, const char *const *cells);
/* Prints the rows on stdout if rc is 0 and frees them either way (r zeroed stays safe);
 * returns rc. */
int cli_rows_end(struct cli_rows *r, int rc);

/* The length of a buffer for cli_num. */
#define CLI_NUM_LEN 24
/* Writes v in decimal into buf; returns buf. */
const char *cli_num(char buf[CLI_NUM_LEN], int64_t v);

/* Prints v as pretty JSON on stdout and decrefs it (reals with 10 significant digits). */
void cli_print_json(json_t *v);
/* The same with reals to `digits` significant digits (1 to 31). */
void cli_print_json_digits(json_t *v, int digits);

/* The exit code for a negative return value of a command's work. */
int cli_exit(int rc);

/* Prints the command's usage to f. */
void cli_usage(const struct command *cmd, FILE *f);

/* The command groups. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_playbook(struct cli *cli, int argc, char **argv);
int cmd_rep(struct cli *cli, int argc, char **argv);
int cmd_account(struct cli *cli, int argc, char **argv);
int cmd_lead(struct cli *cli, int argc, char **argv);
/* The lifecycle commands (touch, qualify, ... live): argv[0] says which. */
int cmd_act(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_model(struct cli *cli, int argc, char **argv);
int cmd_tick(struct cli *cli, int argc, char **argv);
int cmd_sla(struct cli *cli, int argc, char **argv);
int cmd_queue(struct cli *cli, int argc, char **argv);
int cmd_meeting(struct cli *cli, int argc, char **argv);
int cmd_availability(struct cli *cli, int argc, char **argv);
int cmd_task(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_advise(struct cli *cli, int argc, char **argv);
int cmd_simulate(struct cli *cli, int argc, char **argv);
int cmd_replay(struct cli *cli, int argc, char **argv);
int cmd_notify(struct cli *cli, int argc, char **argv);
int cmd_webhook(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_token(struct cli *cli, int argc, char **argv);
int cmd_migrate(struct cli *cli, int argc, char **argv);

int cmd_help(struct cli *cli, int argc, char **argv);
/* `lead import` (cmd_import.c). */
int cli_lead_import(struct cli *cli, int argc, char **argv);

struct import_report;
struct import_names;
/* An import's bad rows as a JSON array of {line, field, message}; the caller owns it. */
json_t *cli_import_errors_json(const struct import_report *rep);
/* A list of names as a JSON array of strings; the caller owns it. */
json_t *cli_import_names_json(const struct import_names *names);
/* Prints an import's bad rows to stderr as "baton: FILE:LINE: field: message". */
void cli_import_print_errors(const char *file, const struct import_report *rep);

/* Prints a lead for people (card, qualification, notes) to stdout. */
void cli_print_lead_card(struct cli *cli, const struct service *svc, const struct lead *l);

#endif
