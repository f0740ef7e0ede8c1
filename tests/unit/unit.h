/* unit.h - what the table-driven unit tests share (include it after <cmocka.h>): an instant
 * from RFC 3339 text, a rep as a plain struct, the playbook variants a table's cases name
 * (parsed once per group), and the runner that makes each row of a case table its own
 * cmocka test named after its behaviour. Everything is static: each test binary is one file. */
#ifndef BATON_TEST_UNIT_H
#define BATON_TEST_UNIT_H

#include <stdint.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/rep.h"

/* The instant written t (RFC 3339), 0 for NULL; fails the test if it does not parse. */
static inline int64_t unit_at(const char *t)
{
	int64_t v = 0;

	if (!t)
		return 0;
	assert_int_equal(clock_parse_rfc3339(t, &v), 0);
	return v;
}

/* An active rep with no capacity cap and the org's hours. */
static inline struct rep unit_rep(int64_t id, const char *name, enum role role)
{
	struct rep r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.name = name;
	r.role = role;
	r.capacity = -1;
	r.hours_start = r.hours_end = -1;
	r.active = 1;
	return r;
}

/* Parses the n playbook texts into pbs[] (NULL text: the built-in default); 0, or -1 with the
 * error printed. Free with unit_playbooks_free. */
static inline int unit_playbooks_load(struct playbook **pbs, const char *const *texts, int n)
{
	struct bt_error err;
	int i;

	for (i = 0; i < n; i++) {
		pbs[i] = texts[i] ? playbook_parse(texts[i], strlen(texts[i]), "test.yaml", &err, NULL)
				  : playbook_default(&err);
		if (!pbs[i]) {
			print_error("playbook %d: line %d: %s: %s\n", i, err.line, err.field, err.message);
			return -1;
		}
	}
	return 0;
}

static inline void unit_playbooks_free(struct playbook **pbs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		playbook_free(&pbs[i]);
}

/* The main of a table-driven test: every row of cases[] (each with a .name) runs through
 * run_case, its state the row, between group setup and teardown (either may be NULL). */
#define UNIT_TABLE_MAIN(group, cases, run_case, setup, teardown)                                        \
	int main(void)                                                                                   \
	{                                                                                                \
		struct CMUnitTest tests_[sizeof(cases) / sizeof(cases[0])];                                \
		size_t i_;                                                                                 \
                                                                                                         \
		for (i_ = 0; i_ < sizeof(cases) / sizeof(cases[0]); i_++) {                                \
			struct CMUnitTest t_ = {cases[i_].name, run_case, NULL, NULL, (void *)&cases[i_]}; \
                                                                                                         \
			tests_[i_] = t_;                                                                   \
		}                                                                                          \
		return cmocka_run_group_tests_name(group, tests_, setup, teardown);                        \
	}

#endif
