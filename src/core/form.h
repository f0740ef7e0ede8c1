/* form.h - what web forms and CRM files send beyond baton's own fields (SPEC 8.9): the one
 * table of the names they give the known fields (firstName, Email Address, job_title, ...),
 * the limits of the attributes a lead keeps of the rest, the folding of line breaks in
 * single-line text, and the mapping of utm_* values to the lead's source and channel by the
 * playbook's intake.utm. Pure: the adapters (io/form_json.c, io/csv_import.c) call it. */
#ifndef BATON_FORM_H
#define BATON_FORM_H

#include <stddef.h>

#include "core/lead.h"
#include "core/playbook.h"
#include "util/error.h"

struct arena;

#define FORM_ATTRS_MAX 50   /* attributes one lead keeps */
#define FORM_KEY_MAX 64     /* characters of an attribute's key */
#define FORM_VALUE_MAX 2000 /* characters of an attribute's text value */

/* The lead field that a form field or a CSV header named `name` stands for, compared ignoring
 * case and every character but letters and digits ("firstName", "first_name" and "First Name"
 * are one): "email", "name", "first_name", "last_name", "title", "company", "phone", "mobile",
 * "source", "segment", "employees", "country", "channel" or "timezone"; static, or NULL when
 * it names none (the value is then an attribute). */
const char *form_field(const char *name);

/* Checks one attribute that would be the (n+1)-th kept: its key 1 to FORM_KEY_MAX characters
 * of one-line UTF-8 text; its value `text` (NULL for a number or a boolean) at most
 * FORM_VALUE_MAX characters, line breaks allowed. Returns 0, or -BT_BAD_INPUT: the field is
 * "attributes" for the 51st key or a bad key, else the key itself (when it fits the field). */
int form_attr_check(const char *key, const char *text, size_t n, struct bt_error *err);

/* Folds the line breaks of single-line text s (CR, LF, CRLF, U+2028, U+2029; a run of them
 * with the blanks around it) into one space. Returns s itself when it holds none (or is
 * NULL), else a folded copy allocated in a. */
const char *form_fold(const char *s, struct arena *a);

/* The utm_* values a form sent; NULL when absent. */
struct form_utm {
	const char *source;
	const char *medium;
	const char *campaign;
};

/* Sets l->source, unless source_given, to the first of intake.utm's campaign, medium and
 * source maps that maps the form's value, else to utm_source itself when it is a source
 * (1 to 64 characters on one line); and l->channel, unless channel_given, to what the channel
 * map gives utm_medium. m may hold empty maps (no intake.utm). Strings borrowed from m or u. */
void form_utm_apply(const struct pb_intake_utm *m, const struct form_utm *u, int source_given, int channel_given,
		    struct lead *l);

#endif
