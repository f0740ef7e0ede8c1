/* names.c - closed vocabularies as tables of names; see names.h. */
#include "util/names.h"

#include <string.h>

const char *names_at(const char *const *names, int n, int i, const char *none)
{
	return i >= 0 && i < n ? names[i] : none;
}

int names_find(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}
