/* rep.c - small helpers over struct rep and struct account; see rep.h. */
#include "core/rep.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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
