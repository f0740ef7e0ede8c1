/* rep.c - small helpers over struct rep and struct account; see rep.h. */
#include "core/rep.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/email.h"
#include "core/playbook.h"

int64_t rep_weight(const struct rep *r)
{
	return r->weight > 0 ? r->weight : 1;
}

const char *rep_zone(const struct playbook *pb, const struct rep *r)
{
	const struct pb_team *team = r ? playbook_team(pb, r->team) : NULL;

	if (r && r->timezone)
		return r->timezone;
	if (team && team->cal.timezone)
		return team->cal.timezone;
	return pb->org.timezone;
}

int rep_contact_check(struct rep *r, struct arena *a, struct bt_error *err)
{
	const char *p;

	if (r->email && !*r->email)
		r->email = NULL;
	if (r->slack && !*r->slack)
		r->slack = NULL;
	if (r->email && email_normalize(r->email, a, &r->email, err) != 0)
		return -BT_BAD_INPUT; /* the leads' messages, naming the field "email" */
	for (p = r->slack; p && *p; p++)
		if (!isalnum((unsigned char)*p))
			break;
	if (r->slack && (*p || p - r->slack > 32))
		return bt_fail(err, BT_BAD_INPUT, "slack", 0,
			       "--slack: '%.64s' is not a Slack member id (1 to 32 letters and digits, e.g. U012AB3CD; "
			       "Slack shows it in a profile's menu, \"Copy member ID\")",
			       r->slack);
	return 0;
}

int rep_list_has(const char *list, const char *item)
{
	size_t n;
	const char *p = list, *end;

	if (!list || !item)
		return 0;
	n = strlen(item);
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		end = p;
		while (*end && *end != ',')
			end++;
		while (end > p && isspace((unsigned char)end[-1]))
			end--;
		if ((size_t)(end - p) == n && strncasecmp(p, item, n) == 0)
			return 1;
		while (*end && *end != ',')
			end++;
		p = end;
	}
	return 0;
}
