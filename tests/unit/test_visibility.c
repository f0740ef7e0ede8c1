/* test_visibility.c - who may see a lead and what a rep owes (visible_lead, visible_held,
 * visible_owed, visible_contact, src/core/visibility.c; docs/api.md, roles): a rep sees the
 * leads it owns or handed off and what it owes; a manager also its team's (the reps whose
 * manager it is), the leads nobody holds and what nobody owes; an intake token sees nothing. A
 * rep reads its own contact details, a manager every rep's (visible_contact). One table of
 * cases, one runner: the viewer, the lead's owner and the rep who handed it off with their
 * managers, and the answers for the lead and for an obligation owed by the lead's owner. The
 * team is Maria's: sam (SDR) and erin (AE) report to her; olga's team holds omar (AE). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/visibility.h"

#include "unit.h"

/* The viewer as a case writes it. */
enum viewer { V_INTAKE, V_SAM, V_ERIN, V_OMAR, V_MARIA, V_OLGA, V_COUNT };

struct vis_case {
	const char *name;
	enum viewer viewer;
	const char *owner;     /* the lead's owner, NULL: nobody */
	const char *handed_by; /* the rep who handed it off, NULL: nobody */
	int sees_lead;         /* visible_lead with the holders' managers loaded */
	int sees_owed;         /* visible_held for an obligation the owner owes */
	int needs_team;        /* visibility_needs_team: the managers matter */
	int sees_contact;      /* visible_contact: the owner's email and Slack id (SPEC 8.6) */
};

static const struct vis_case cases[] = {
	/* ---- a rep: its own ---- */
	{"test_a_rep_sees_the_lead_it_owns", V_SAM, "sam", NULL, 1, 1, 0, 1},
	{"test_a_rep_sees_the_lead_it_handed_off", V_SAM, "erin", "sam", 1, 0, 0, 0},
	{"test_an_ae_sees_the_lead_handed_to_it", V_ERIN, "erin", "sam", 1, 1, 0, 1},
	{"test_a_rep_does_not_see_a_teammates_lead", V_ERIN, "sam", NULL, 0, 0, 0, 0},
	{"test_a_rep_does_not_see_another_teams_lead", V_OMAR, "erin", "sam", 0, 0, 0, 0},
	{"test_a_rep_does_not_see_a_lead_nobody_holds", V_SAM, NULL, NULL, 0, 0, 0, 0},
	{"test_a_rep_sees_the_lead_it_handed_off_that_nobody_owns_now", V_SAM, NULL, "sam", 1, 0, 0, 0},

	/* ---- a manager: its team's, and what nobody holds ---- */
	{"test_a_manager_sees_a_lead_its_rep_owns", V_MARIA, "erin", NULL, 1, 1, 1, 1},
	{"test_a_manager_sees_a_lead_its_rep_handed_to_another_team", V_MARIA, "omar", "sam", 1, 0, 1, 1},
	{"test_a_manager_sees_its_own_lead", V_MARIA, "maria", NULL, 1, 1, 1, 1},
	{"test_a_manager_does_not_see_another_teams_lead", V_OLGA, "erin", "sam", 0, 0, 1, 1},
	{"test_the_other_manager_sees_the_lead_its_ae_received", V_OLGA, "omar", "sam", 1, 1, 1, 1},
	{"test_a_manager_sees_a_lead_nobody_holds", V_MARIA, NULL, NULL, 1, 0, 1, 0},
	{"test_a_manager_sees_a_lead_its_rep_handed_off_that_nobody_owns_now", V_MARIA, NULL, "sam", 1, 0, 1, 0},
	{"test_a_manager_does_not_see_another_teams_handoff_that_nobody_owns_now", V_OLGA, NULL, "sam", 0, 0, 1, 0},
	{"test_a_manager_does_not_see_a_lead_owned_by_a_rep_of_no_team", V_MARIA, "ivy", NULL, 0, 0, 1, 1},

	/* ---- an intake token: nothing ---- */
	{"test_an_intake_token_sees_no_lead", V_INTAKE, "sam", "sam", 0, 0, 0, 0},
	{"test_an_intake_token_sees_no_lead_nobody_holds", V_INTAKE, NULL, NULL, 0, 0, 0, 0},
};

/* The manager of each rep the cases name (the store's answer), NULL for none. */
static const char *manager_of(const char *rep)
{
	static const struct {
		const char *rep, *manager;
	} team[] = {{"sam", "maria"}, {"erin", "maria"}, {"omar", "olga"}};
	size_t i;

	for (i = 0; rep && i < sizeof(team) / sizeof(team[0]); i++)
		if (strcmp(team[i].rep, rep) == 0)
			return team[i].manager;
	return NULL;
}

static void run_case(void **state)
{
	const struct vis_case *c = *state;
	static const struct {
		const char *name;
		enum role role;
	} viewers[V_COUNT] = {
		[V_INTAKE] = {NULL, ROLE_MRR},      [V_SAM] = {"sam", ROLE_SDR},         [V_ERIN] = {"erin", ROLE_AE},
		[V_OMAR] = {"omar", ROLE_AE},       [V_MARIA] = {"maria", ROLE_MANAGER}, [V_OLGA] = {"olga", ROLE_MANAGER},
	};
	const char *none[HOLDER_COUNT] = {NULL, NULL}, *boss[HOLDER_COUNT];
	struct rep r = unit_rep(1, viewers[c->viewer].name, viewers[c->viewer].role);
	const struct rep *me = c->viewer == V_INTAKE ? NULL : &r;
	struct lead l;
	int h;

	lead_init(&l);
	l.id = 7;
	l.owner = c->owner;
	l.handed_by = c->handed_by;
	for (h = 0; h < HOLDER_COUNT; h++)
		boss[h] = manager_of(lead_holder(&l, (enum lead_holder)h));
	assert_int_equal(visible_lead(me, &l, boss), c->sees_lead);
	assert_int_equal(visible_held(me, c->owner, manager_of(c->owner)), c->sees_owed);
	assert_int_equal(visibility_needs_team(me), c->needs_team);
	{
		struct rep owner = unit_rep(2, c->owner, ROLE_AE);

		assert_int_equal(visible_contact(me, c->owner ? &owner : NULL), c->sees_contact);
	}
	/* an obligation: as visible_held while someone owes it; one nobody owes because its lead
	 * waits for its pool is the managers', baton's own timer (no pool) nobody's */
	assert_int_equal(visible_owed(me, c->owner, 0, manager_of(c->owner)), c->owner ? c->sees_owed : 0);
	assert_int_equal(visible_owed(me, c->owner, !c->owner, manager_of(c->owner)),
			 c->owner ? c->sees_owed : c->needs_team);
	if (!c->needs_team) {
		/* the managers are not loaded for a viewer whose answer cannot turn on them */
		assert_int_equal(visible_lead(me, &l, none), c->sees_lead);
		assert_int_equal(visible_held(me, c->owner, NULL), c->sees_owed);
	}
}

UNIT_TABLE_MAIN("visibility", cases, run_case, NULL, NULL)
