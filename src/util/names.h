/* names.h - closed vocabularies written as tables of names in the order of their enum (git's
 * type_name() and type_from_string_gently()): the name of a value and the value of a name, with
 * the bounds checked here once. The tables are their modules' (stage.c, sla.c, report.c). */
#ifndef BATON_NAMES_H
#define BATON_NAMES_H

/* names[i] when 0 <= i < n, else `none`; borrowed. */
const char *names_at(const char *const *names, int n, int i, const char *none);

/* The index of `name` in names[0..n), or -1 (a NULL name too). */
int names_find(const char *const *names, int n, const char *name);

#endif
