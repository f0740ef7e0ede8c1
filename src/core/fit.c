/* fit.c - evaluates fit.filter rules; a rule's conditions must all hold for it to match. An
 * unknown value (no segment, unknown size) never matches a condition on it. */
#include "core/fit.h"

#include <fnmatch.h>
#include <strings.h>

static int in_list(const struct pb_list *list, const char *v)
{
	size_t i;

	for (i = 0; v && i < list->n; i++)
		if (strcasecmp(list->items[i], v) == 0)
			return 1;
	return 0;
}

static int title_matches(const struct pb_list *patterns, const char *title)
{
	size_t i;

	for (i = 0; title && i < patterns->n; i++)
		if (fnmatch(patterns->items[i], title, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

static int rule_matches(const struct pb_filter *f, const struct lead *l)
{
	if (f->segments.n && !in_list(&f->segments, l->segment))
		return 0;
	if (f->employees_below >= 0 && !(l->employees >= 0 && l->employees < f->employees_below))
		return 0;
	if (f->countries.n && !in_list(&f->countries, l->country))
		return 0;
	if (f->titles.n && !title_matches(&f->titles, l->title))
		return 0;
	return f->segments.n || f->employees_below >= 0 || f->countries.n || f->titles.n;
}

const struct pb_filter *fit_filter(const struct playbook *pb, const struct lead *l)
{
	size_t i;

	if (!pb->fit.on)
		return NULL;
	for (i = 0; i < pb->fit.nfilters; i++)
		if (rule_matches(&pb->fit.filters[i], l))
			return &pb->fit.filters[i];
	return NULL;
}
