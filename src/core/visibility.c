/* visibility.c - who may see a lead and what a rep owes; see visibility.h. */
#include "core/visibility.h"

#include <string.h>

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

const char *lead_holder(const struct lead *l, enum lead_holder h)
{
	switch (h) {
	case HOLDER_OWNER: return l->owner;
	case HOLDER_HANDED_BY: return l->handed_by;
	default: return NULL;
	}
}

int visibility_needs_team(const struct rep *me)
{
	return me && me->role == ROLE_MANAGER;
}

int visible_held(const struct rep *me, const char *holder, const char *boss)
{
	if (!me || !holder)
		return 0;
	/* its own; a manager, its team's */
	return same(holder, me->name) || (visibility_needs_team(me) && same(boss, me->name));
}

int visible_owed(const struct rep *me, const char *owner, int waiting, const char *boss)
{
	return owner ? visible_held(me, owner, boss) : waiting && visibility_needs_team(me);
}

int visible_lead(const struct rep *me, const struct lead *l, const char *const boss[HOLDER_COUNT])
{
	int h;

	if (!me)
		return 0; /* an intake token only creates leads */
	if (!l->owner && !l->handed_by)
		return visibility_needs_team(me); /* filtered or unassigned: the managers' to handle */
	for (h = 0; h < HOLDER_COUNT; h++)
		if (visible_held(me, lead_holder(l, (enum lead_holder)h), boss[h]))
			return 1;
	return 0;
}

int visible_contact(const struct rep *me, const struct rep *r)
{
	return me && r && (visibility_needs_team(me) || same(me->name, r->name));
}
