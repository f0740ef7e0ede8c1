/* form.c - form fields: the alias table, the attributes' limits, line-break folding and the
 * utm mapping; see form.h. */
#include "core/form.h"

#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/text.h"

/* The names forms and CRM exports give the lead's fields, as text_key() writes them: lower case,
 * letters and digits only. The first column is what a form or a header says, the second the
 * field. */
static const struct {
	const char *name;
	const char *field;
} aliases[] = {
	{"email", "email"},                 /* email, Email, E-mail */
	{"emailaddress", "email"},          /* emailAddress, email_address, Email Address */
	{"name", "name"},                   /* name, Name */
	{"fullname", "name"},               /* fullName, Full Name */
	{"firstname", "first_name"},        /* firstName, first_name, First Name, FirstName */
	{"givenname", "first_name"},        /* given_name */
	{"lastname", "last_name"},          /* lastName, last_name, Last Name, LastName */
	{"familyname", "last_name"},        /* family_name */
	{"surname", "last_name"},           /* surname */
	{"title", "title"},                 /* Title (Salesforce) */
	{"jobtitle", "title"},              /* jobTitle, job_title, Job Title (HubSpot) */
	{"company", "company"},             /* Company (Salesforce) */
	{"companyname", "company"},         /* companyName, company_name, Company Name (HubSpot) */
	{"organization", "company"},        /* organization */
	{"organisation", "company"},        /* organisation */
	{"accountname", "company"},         /* Account Name (Salesforce contacts) */
	{"companyaccount", "company"},      /* Company / Account (Salesforce reports) */
	{"phone", "phone"},                 /* Phone */
	{"phonenumber", "phone"},           /* phoneNumber, phone_number, Phone Number (HubSpot) */
	{"telephone", "phone"},             /* telephone */
	{"mobile", "mobile"},               /* Mobile */
	{"mobilephone", "mobile"},          /* mobilePhone, Mobile Phone, MobilePhone */
	{"mobilephonenumber", "mobile"},    /* Mobile Phone Number (HubSpot) */
	{"mobilenumber", "mobile"},         /* mobile_number */
	{"source", "source"},               /* Source */
	{"leadsource", "source"},           /* leadSource, Lead Source (Salesforce) */
	{"originalsource", "source"},       /* Original Source (HubSpot) */
	{"segment", "segment"},             /* Segment */
	{"industry", "segment"},            /* Industry */
	{"employees", "employees"},         /* Employees */
	{"numberofemployees", "employees"}, /* Number of Employees, NumberOfEmployees */
	{"noofemployees", "employees"},     /* No. of Employees (Salesforce reports) */
	{"companysize", "employees"},       /* companySize, Company Size */
	{"country", "country"},             /* Country */
	{"countryregion", "country"},       /* Country/Region (HubSpot) */
	{"channel", "channel"},             /* Channel */
	{"timezone", "timezone"},           /* timeZone, time_zone, Time Zone */
};

const char *form_field(const char *name)
{
	char key[64];
	size_t i;

	text_key(name ? name : "", key, sizeof(key));
	for (i = 0; key[0] && i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, key) == 0)
			return aliases[i].field;
	return NULL;
}

int form_attr_check(const char *key, const char *text, size_t n, struct bt_error *err)
{
	struct bt_error e;
	const char *field = strlen(key) < sizeof(err->field) ? key : "attributes";

	if (n >= FORM_ATTRS_MAX)
		return bt_fail(err, BT_BAD_INPUT, "attributes", 0,
			       "a lead keeps at most %d fields baton does not know (attributes); \"%.64s\" is one more",
			       FORM_ATTRS_MAX, key);
	bt_error_clear(&e);
	if (!key[0] || text_check("key", key, FORM_KEY_MAX, 0, &e))
		return bt_fail(err, BT_BAD_INPUT, "attributes", 0,
			       "the field name \"%.80s\" is not kept: a field name is 1 to %d characters on one line",
			       text_utf8_valid(key, strlen(key)) ? key : "?", FORM_KEY_MAX);
	bt_error_clear(&e);
	if (text && text_check(key, text, FORM_VALUE_MAX, 1, &e))
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s (a field baton keeps as an attribute)", e.message);
	return 0;
}

/* Length of the line break at s (CR LF, CR, LF, U+2028, U+2029), 0 if none. */
static size_t line_break(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\r')
		return u[1] == '\n' ? 2 : 1;
	if (u[0] == '\n')
		return 1;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *form_fold(const char *s, struct arena *a)
{
	const char *p;
	char *out, *o;
	size_t k;

	for (p = s; p && *p && !line_break(p); p++)
		;
	if (!p || !*p)
		return s;
	out = o = arena_alloc(a, strlen(s) + 1);
	for (p = s; *p;) {
		if (!line_break(p)) {
			*o++ = *p++;
			continue;
		}
		while (o > out && blank(o[-1]))
			o--;
		while ((k = line_break(p)) || blank(*p))
			p += k ? k : 1;
		if (o > out && *p)
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

/* What map m gives value v (ignoring case), or NULL. */
static const char *map_get(const struct pb_utm_map *m, const char *v)
{
	size_t i;

	for (i = 0; v && i < m->n; i++)
		if (m->items[i].to && strcasecmp(m->items[i].value, v) == 0)
			return m->items[i].to;
	return NULL;
}

void form_utm_apply(const struct pb_intake_utm *m, const struct form_utm *u, int source_given, int channel_given,
		    struct lead *l)
{
	struct bt_error err;
	const char *to;

	if (!source_given) {
		to = map_get(&m->campaign, u->campaign);
		if (!to)
			to = map_get(&m->medium, u->medium);
		if (!to)
			to = map_get(&m->source, u->source);
		if (!to && u->source && u->source[0] && text_check("source", u->source, 64, 0, &err) == 0)
			to = u->source;
		if (to)
			l->source = to;
	}
	to = channel_given ? NULL : map_get(&m->channel, u->medium);
	if (to)
		channel_parse(to, &l->channel);
}
