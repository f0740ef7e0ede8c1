/* playbook.h - the team's written service-level agreement as plain structs (SPEC section 4).
 * playbook_parse() reads the YAML text with libfyaml, validates every key against the schema
 * (unknown keys, wrong types, bad durations, unknown time zones are errors with the key path
 * and line) and fills these structs; the core only reads them. A section left out is off
 * (`on` = 0); a stage left out keeps its default label and definition. Every pointer inside a
 * struct playbook is owned by it and freed by playbook_free(). */
#ifndef BATON_PLAYBOOK_H
#define BATON_PLAYBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "core/stage.h"
#include "util/error.h"

struct arena;

struct pb_list {
	const char **items; /* n strings */
	size_t n;
};

/* Business hours, one stretch per weekday (index 0 = monday ... 6 = sunday): a day whose start
 * is not before its end is closed (the playbook writes start = end = 0). */
struct pb_hours {
	int start[7]; /* minutes after local midnight */
	int end[7];   /* minutes after local midnight, up to 1440 */
};

/* The org, and its calendar (SPEC 4): the zone, hours and holidays business time counts in. */
struct pb_org {
	const char *name;       /* never NULL */
	const char *timezone;   /* IANA name that libical knows, e.g. "Europe/Paris" */
	struct pb_hours hours;  /* business hours; default mon-fri 09:00-18:00 */
	int64_t *holidays;      /* days since 1970-01-01, ascending */
	size_t nholidays;
};

/* A team of the playbook's `teams:` (SPEC 8.4), keyed by the team name of `rep add --team`: its
 * own calendar, each part it leaves out being the org's. */
struct pb_team {
	/* cal.name: the team's name; cal.timezone NULL: the org's; hours and holidays as the
	 * flags below say */
	struct pb_org cal;
	int has_hours;    /* 1: cal.hours, else the org's */
	int has_holidays; /* 1: cal.holidays (maybe none), else the org's */
};

struct pb_stage {
	const char *label;       /* never NULL; the default label if the playbook sets none */
	const char *definition;  /* never NULL */
	struct pb_list requires; /* qualification fields that must be answered to enter */
};

struct pb_qfield {
	const char *name;      /* key under qualification.fields */
	const char *question;  /* never NULL ("" if not given) */
	int text;              /* 1: free text (type: text); 0: one of `values` */
	struct pb_list values; /* allowed answers when !text */
};

struct pb_qualification {
	int on;
	struct pb_qfield *fields;
	size_t nfields;
	struct pb_list all;          /* handoff_requires.all: each must be answered */
	int at_least_count;          /* handoff_requires.at_least.count, 0 if no such rule */
	struct pb_list at_least_of;  /* handoff_requires.at_least.of */
	struct pb_list notes_require; /* note keys a handoff must carry */
};

struct pb_filter {
	struct pb_list segments;  /* segment: [..] matches when the lead's segment is one (case-insensitive) */
	int64_t employees_below;  /* -1: no size condition; else matches when employees < n (known) */
	struct pb_list countries; /* country: [..] case-insensitive */
	struct pb_list titles;    /* title: [..] fnmatch patterns, case-insensitive */
	const char *reason;       /* never NULL */
	int line;                 /* 1-based line of the rule in the playbook */
};

enum pb_model_use { PB_MODEL_OFF, PB_MODEL_AUTO, PB_MODEL_ON };

struct pb_grade {
	const char *name; /* "A" */
	double min;       /* lowest score that earns it */
};

struct pb_fit {
	int on;
	struct pb_filter *filters; /* evaluated in order, first match filters */
	size_t nfilters;
	enum pb_model_use model_use; /* PB_MODEL_OFF when fit.model is absent */
	int64_t min_history;         /* closed leads needed before the model is used (default 200) */
	double filter_below;         /* score below which a lead is filtered, 0 = never */
	struct pb_grade *grades;     /* sorted by min, highest first */
	size_t ngrades;
};

enum pb_strategy { PB_STRATEGY_ROUND_ROBIN, PB_STRATEGY_TERRITORY_ROUND_ROBIN };

/* territory_round_robin for a lead with no territory, or none of the pool's reps in it (SPEC
 * 8.1): round robin over the whole role (the default), or wait for a rep of its territory */
enum pb_fallback { PB_FALLBACK_ROUND_ROBIN, PB_FALLBACK_WAIT };

struct pb_pool {
	int on;
	enum role role;
	enum pb_strategy strategy;
	int respect_hours;    /* skip reps outside their working hours */
	int respect_capacity; /* skip reps at capacity */
	enum pb_fallback fallback; /* territory_round_robin only */
	enum stage after;     /* customers only: the stage that hands the lead over (default live) */
};

enum pb_outbound_by { PB_OUTBOUND_BY_ACCOUNT, PB_OUTBOUND_BY_TERRITORY };

/* routing.absence (SPEC 8.3): when a rep's absence starts, its untouched mql leads go back to
 * the rotation (the default), or stay its */
enum pb_absence { PB_ABSENCE_REASSIGN_UNTOUCHED, PB_ABSENCE_KEEP };
enum pb_handoff_to { PB_HANDOFF_POD_AE, PB_HANDOFF_TERRITORY_ROUND_ROBIN, PB_HANDOFF_ROUND_ROBIN };

struct pb_routing {
	struct pb_pool inbound;
	int outbound_on;
	enum pb_outbound_by outbound_by;
	int existing_accounts_owner; /* existing_accounts: owner */
	int handoff_on;
	enum pb_handoff_to handoff_to;
	int handoff_fallback_on;
	enum pb_handoff_to handoff_fallback;
	struct pb_pool customers;
	enum pb_absence absence;
};

enum pb_action {
	PB_ACT_NOTIFY_MANAGER = 1 << 0,
	PB_ACT_REASSIGN = 1 << 1,
	PB_ACT_ESCALATE_MANAGER = 1 << 2,
	PB_ACT_FLAG = 1 << 3,
};

struct pb_speed_to_lead {
	int on;
	int channel;            /* applies.channel: enum channel, or -1 for every channel */
	struct pb_list sources; /* applies.source: empty = every source */
	int64_t within;         /* first_touch_within, minutes */
	int business_time;
	unsigned on_breach; /* enum pb_action bits */
	int max_reassign;   /* reassignments a lead may get under this rule (SPEC 8.2; default 1) */
};

struct pb_follow_up {
	const char *grade; /* a grade of fit.grades */
	int touches;
	int64_t within; /* minutes */
};

struct pb_sla {
	struct pb_speed_to_lead speed_to_lead;
	struct pb_follow_up *follow_up;
	size_t nfollow_up;
	struct {
		int on;
		int64_t within; /* minutes */
		int business_time;
		unsigned on_breach;
		int max_reassign;
	} handoff_response;
	struct {
		int on;
		int before_meeting;
		unsigned on_breach;
		int max_reassign;
	} notes_review;
	/* SPEC 8.12: won to live, owed by the AE; durations in minutes, whole days calendar days */
	struct {
		int on;
		int64_t live_within;
		unsigned on_breach;
	} onboarding;
	struct {
		int on;
		int64_t before; /* due this long before the contract's renewal date */
		unsigned on_breach;
	} renewal_review;
	struct {
		int on;
		int64_t every; /* a touch by the CSM per period, periods from live */
		unsigned on_breach;
	} health_check;
	int64_t reschedule_notice; /* minutes; 0 = off */
	struct {
		int on;
		enum role first;
		int attempts;
		int64_t within; /* minutes */
		enum role then;
	} no_show;
	int tune_out; /* consecutive_rejections; 0 = off */
	struct {
		int on;
		const char *period; /* "week", "month" or "quarter" */
		double mql_to_sql_min, acceptance_min, inbound_pipeline_share_min; /* 0..1 */
	} marketing;
};

struct pb_rejection {
	const char *code; /* reason code */
	enum stage to;    /* STAGE_WORKING, STAGE_NURTURE or STAGE_DISQUALIFIED */
};

enum pb_task {
	PB_TASK_RESCHEDULE_PROSPECT_INITIATED,
	PB_TASK_RESCHEDULE_SELLER_INITIATED,
	PB_TASK_REENGAGE_STALLED_OPPORTUNITY,
	PB_TASK_RESCHEDULE_NO_SHOW,
	PB_TASK_COUNT
};

enum pb_credit {
	PB_CREDIT_MEETING_HELD = 1 << 0,       /* sdr */
	PB_CREDIT_SELLER_LATE_CANCEL = 1 << 1, /* sdr */
	PB_CREDIT_SQL_ACCEPTED = 1 << 2,       /* sdr */
	PB_CREDIT_MQL_TO_SQL = 1 << 3,         /* marketing */
	PB_CREDIT_WON_AMOUNT = 1 << 4,         /* ae */
	PB_CREDIT_RENEWAL = 1 << 5,            /* csm: one per renewal (SPEC 8.12) */
	PB_CREDIT_EXPANSION_SOURCED = 1 << 6,  /* csm: the won amount of the expansions it handed off */
};

/* The kinds of notification (SPEC 8.6), in the order of notify.on's keys: who is told what
 * (core/notify.c). sign_in (a one-time link, SPEC 8.7) is no key of on: it is always on and
 * goes by email. */
enum pb_notice {
	PB_NOTICE_ASSIGNED,        /* the new owner, at an assignment */
	PB_NOTICE_REMINDER,        /* the owner of an open obligation, before_due before it is due */
	PB_NOTICE_BREACH,          /* the owner, and the managers the rule's on_breach tells */
	PB_NOTICE_HANDOFF,         /* the receiving AE */
	PB_NOTICE_UNASSIGNED_LEAD, /* the managers of a lead nobody can take */
	PB_NOTICE_ABSENCE,         /* the managers of a rep whose absence starts */
	PB_NOTICE_TUNE_OUT,        /* the manager of an AE who keeps rejecting one source */
	PB_NOTICE_SIGN_IN,         /* a rep asking to sign in */
	PB_NOTICE_COUNT
};

/* The channels a notification goes by (notify.channels), as bits (1 << channel). */
enum pb_channel { PB_CHANNEL_EMAIL, PB_CHANNEL_SLACK, PB_CHANNEL_WEBHOOK, PB_CHANNEL_COUNT };

/* notify: (SPEC 8.6). When it has no `on:`, a configured webhook (notify.channels.webhook or
 * the old escalation.webhook) carries the kinds escalation.webhook carried (breach, handoff,
 * unassigned_lead, absence, tune_out) and nothing else is sent: playbook_parse() fills
 * kind_on and via so. */
struct pb_notify {
	int on;                /* the section is there */
	const char *link_base; /* "https://baton.example.com", no trailing slash; NULL: no link */
	struct {
		int on;
		const char *smtp_url;     /* smtp://host[:port] or smtps://host[:port] */
		const char *from;         /* the sender's address */
		const char *password_env; /* environment variable holding the SMTP password, NULL: no login */
	} email;
	struct {
		int on;
		const char *webhook_url_env; /* environment variable holding the incoming webhook's URL */
	} slack;
	int webhook_here; /* the webhook (struct playbook's webhook) came as notify.channels.webhook */
	int on_given;     /* notify.on is there: it alone says which kinds go where */
	/* per kind: on (listed, or implied as above), and its channels (enum pb_channel bits) */
	int kind_on[PB_NOTICE_COUNT];
	unsigned via[PB_NOTICE_COUNT];
	int64_t before_due; /* reminder: minutes before the obligation's due time */
};

/* import.stages (SPEC 8.8): a CRM's stage or status value ("Demo Booked") and the stage a
 * history row with it imports at, checked before the defaults of core/history.c. */
struct pb_import_stage {
	const char *value; /* as written in the playbook; compared by letters and digits, any case */
	int to;            /* enum stage */
};

struct pb_import {
	struct pb_import_stage *stages; /* in file order */
	size_t nstages;
};

/* One pair of an intake.utm map: a utm_* value (lower case) and what it becomes. */
struct pb_utm_pair {
	const char *value; /* "google", compared ignoring case */
	const char *to;    /* a source ("paid_search"), or for channel: "inbound" or "outbound" */
};

struct pb_utm_map {
	struct pb_utm_pair *items; /* n pairs, in file order */
	size_t n;
};

/* intake.utm (SPEC 8.9): the utm_* values of a web form mapped to the lead's source (campaign,
 * then medium, then source: the first that maps one) and channel (by utm_medium). */
struct pb_intake_utm {
	struct pb_utm_map source;   /* utm_source value -> source */
	struct pb_utm_map medium;   /* utm_medium value -> source */
	struct pb_utm_map campaign; /* utm_campaign value -> source */
	struct pb_utm_map channel;  /* utm_medium value -> channel */
};

/* economics (SPEC 8.12): what `report unit` weighs LTV against CAC with; amounts in whole units
 * of the org's currency */
struct pb_economics {
	int on;                             /* the section is given */
	double gross_margin;                /* 0..1 of the annual value kept */
	int64_t cost_per_rep_year[ROLE_COUNT]; /* a rep's yearly cost by role (mrr, sdr, ae, csm), 0 none */
	int64_t marketing_spend_month;      /* marketing's spend per month */
};

struct playbook {
	struct arena *arena; /* owns every pointer below */
	const char *text;    /* the YAML text it was parsed from */
	struct pb_org org;
	struct pb_team *teams; /* in file order */
	size_t nteams;
	struct pb_stage stages[STAGE_COUNT];
	struct pb_qualification qualification;
	struct pb_fit fit;
	struct pb_routing routing;
	struct pb_sla sla;
	struct pb_rejection *rejections; /* in file order */
	size_t nrejections;
	int tasks_on;
	enum role tasks[PB_TASK_COUNT]; /* who owns each task */
	int task_set[PB_TASK_COUNT];    /* 1 if the playbook names an owner for it */
	unsigned credit_sdr;            /* enum pb_credit bits */
	unsigned credit_marketing;
	unsigned credit_ae;
	unsigned credit_csm;
	struct pb_economics economics;
	struct {
		struct pb_list cors_origins; /* web-form origins the API answers (CORS), exact match */
	} api;
	/* the signed webhook: notify.channels.webhook, or the old escalation.webhook */
	struct {
		int on;
		const char *url;        /* http(s) URL */
		const char *secret_env; /* environment variable holding the HMAC secret, may be NULL */
	} webhook;
	struct pb_notify notify;
	struct pb_import import;
	struct pb_intake_utm utm; /* intake.utm; empty maps when not given */
};

/* Up to PB_MAX_ERRORS errors found by one parse. */
#define PB_MAX_ERRORS 64
struct pb_errors {
	struct bt_error items[PB_MAX_ERRORS];
	int n;
};

/* Parses and validates YAML `text` (len bytes; `name` is the file name, which messages do not
 * repeat: the caller prints "FILE:LINE: key.path: message").
 * Returns a new playbook the caller frees with playbook_free(), or NULL with the first error
 * in *err (code BT_BAD_INPUT, field = key path such as "sla.follow_up.A.within", "" for a YAML
 * syntax error, line = 1-based line). If `all` is not NULL, every error found is also appended
 * to it, sorted by line. */
struct playbook *playbook_parse(const char *text, size_t len, const char *name, struct bt_error *err,
				struct pb_errors *all);

/* The built-in default playbook's YAML text; static string. */
const char *playbook_default_yaml(void);

/* Parses the built-in default; the caller frees it with playbook_free(). */
struct playbook *playbook_default(struct bt_error *err);

/* Frees the playbook and sets *pb to NULL; NULL-safe. */
void playbook_free(struct playbook **pb);

/* The qualification field named `name`, or NULL; borrowed from pb. */
const struct pb_qfield *playbook_qfield(const struct playbook *pb, const char *name);

/* The rejection rule for reason `code`, or NULL; borrowed from pb. */
const struct pb_rejection *playbook_rejection(const struct playbook *pb, const char *code);

/* The grade a score earns ("A"): the highest whose threshold the score reaches; NULL if no
 * grades are set or the score is below every threshold. Borrowed from pb. */
const char *playbook_grade(const struct playbook *pb, double score);

/* The task's name in the playbook ("reschedule_no_show"); static string. */
const char *pb_task_name(enum pb_task t);

/* A kind of notification's name ("unassigned_lead"), a channel's ("email"); static strings. */
const char *pb_notice_name(enum pb_notice k);
const char *pb_channel_name(enum pb_channel ch);

/* The kind or channel named `name`; 0, or -1 for a name there is none of (name may be NULL). */
int pb_notice_parse(const char *name, enum pb_notice *out);
int pb_channel_parse(const char *name, enum pb_channel *out);

/* The team named `name` of the playbook's teams:, or NULL (name NULL, or a team the playbook
 * does not describe: its calendar is the org's); borrowed from pb. */
const struct pb_team *playbook_team(const struct playbook *pb, const char *name);

/* Sets h to the hours start-end on each day of `days` (bit 0 = monday), every other day closed. */
void pb_hours_set(struct pb_hours *h, unsigned days, int start, int end);

/* The days h is open (bit 0 = monday ... bit 6 = sunday). */
unsigned pb_hours_days(const struct pb_hours *h);

/* 1 if every open day of h has the same hours (then in *start and *end), else 0; a week with no
 * open day is not uniform. */
int pb_hours_uniform(const struct pb_hours *h, int *start, int *end);

#endif
