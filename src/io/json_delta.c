/* json_delta.c - the difference of two runs of a report (json_delta.h): numbers subtracted,
 * rows matched by their text members; and the side-by-side table of both runs for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_delta.h"

/* 1 if rows x and y are the same row: their text members (the rule, the group's key) equal. */
static int same_row(json_t *x, json_t *y)
{
	const char *k;
	json_t *v;

	json_object_foreach(x, k, v) {
		if (json_is_string(v) && !json_equal(v, json_object_get(y, k)))
			return 0;
	}
	json_object_foreach(y, k, v) {
		if (json_is_string(v) && !json_equal(v, json_object_get(x, k)))
			return 0;
	}
	return 1;
}

/* A copy of row with "only": side (a row one side of the comparison lacks). */
static json_t *only_row(json_t *row, const char *side)
{
	json_t *out = json_deep_copy(row);

	json_object_set_new(out, "only", json_string(side));
	return out;
}

/* The rows of b against those of a: matched rows by their text members, the others whole. */
static json_t *rows_delta(json_t *a, json_t *b)
{
	json_t *out = json_array(), *x, *y;
	size_t i, j;

	json_array_foreach(a, i, x) {
		json_t *match = NULL;

		json_array_foreach(b, j, y) {
			if (json_is_object(x) && json_is_object(y) && same_row(x, y)) {
				match = y;
				break;
			}
		}
		json_array_append_new(out, match ? json_delta(x, match) : only_row(x, "current"));
	}
	json_array_foreach(b, j, y) {
		int found = 0;

		json_array_foreach(a, i, x) {
			if (json_is_object(x) && json_is_object(y) && same_row(x, y)) {
				found = 1;
				break;
			}
		}
		if (!found)
			json_array_append_new(out, only_row(y, "proposed"));
	}
	return out;
}

json_t *json_delta(json_t *a, json_t *b)
{
	json_t *out, *v;
	const char *k;

	if (json_is_integer(a) && json_is_integer(b))
		return json_integer(json_integer_value(b) - json_integer_value(a));
	if (json_is_number(a) && json_is_number(b))
		return json_real(json_number_value(b) - json_number_value(a));
	if (json_is_object(a) && json_is_object(b)) {
		out = json_object();
		json_object_foreach(a, k, v) {
			json_t *w = json_object_get(b, k);

			if (w)
				json_object_set_new(out, k, json_delta(v, w));
		}
		return out;
	}
	if (json_is_array(a) && json_is_array(b))
		return rows_delta(a, b);
	if (json_equal(a, b))
		return json_incref(a);
	return json_pack("{s:O, s:O}", "current", a, "proposed", b);
}

/* Writes path[LABEL] to out: the row's text members joined by '/' (its rule, its group), else
 * its position. */
static void row_label(json_t *row, size_t i, const char *path, char *out, size_t size)
{
	const char *k;
	json_t *v;
	size_t len;

	snprintf(out, size, "%s[", path);
	json_object_foreach(row, k, v) {
		len = strlen(out);
		if (json_is_string(v) && strcmp(k, "only") != 0)
			snprintf(out + len, size - len, "%s%s", out[len - 1] == '[' ? "" : "/", json_string_value(v));
	}
	len = strlen(out);
	if (out[len - 1] == '[')
		snprintf(out + len, size - len, "%zu", i);
	len = strlen(out);
	snprintf(out + len, size - len, "]");
}

/* The row of rows matching row (same text members), or NULL. */
static json_t *find_row(json_t *rows, json_t *row)
{
	json_t *y;
	size_t j;

	json_array_foreach(rows, j, y) {
		if (json_is_object(row) && json_is_object(y) && same_row(row, y))
			return y;
	}
	return NULL;
}

/* One line: path, current, proposed, their difference; 1 when they differ. */
static int print_pair(json_t *c, json_t *p, const char *path, FILE *f)
{
	char *cs = c ? json_dumps(c, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
	char *ps = p ? json_dumps(p, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
	int differs = !c || !p || !json_equal(c, p);

	if (c && p && json_is_number(c) && json_is_number(p) && differs)
		fprintf(f, "  %-52s %12s %12s %+12g\n", path, cs, ps, json_number_value(p) - json_number_value(c));
	else
		fprintf(f, "  %-52s %12s %12s %12s\n", path, cs ? cs : "-", ps ? ps : "-", differs ? "changed" : "");
	free(cs);
	free(ps);
	return differs;
}

int json_delta_print(json_t *c, json_t *p, const char *path, FILE *f)
{
	char sub[256];
	const char *k;
	json_t *v;
	size_t i;
	int n = 0;

	if (json_is_object(c) && json_is_object(p)) {
		json_object_foreach(c, k, v) {
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", k);
			n += json_delta_print(v, json_object_get(p, k), sub, f);
		}
		json_object_foreach(p, k, v) {
			if (json_object_get(c, k))
				continue;
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", k);
			n += json_delta_print(NULL, v, sub, f);
		}
		return n;
	}
	if (json_is_array(c) && json_is_array(p)) {
		json_array_foreach(c, i, v) {
			row_label(v, i, path, sub, sizeof(sub));
			n += json_delta_print(v, find_row(p, v), sub, f);
		}
		json_array_foreach(p, i, v) {
			if (find_row(c, v))
				continue;
			row_label(v, i, path, sub, sizeof(sub));
			n += json_delta_print(NULL, v, sub, f);
		}
		return n;
	}
	if ((c && (json_is_object(c) || json_is_array(c))) || (p && (json_is_object(p) || json_is_array(p)))) {
		/* a row or table one side lacks: its numbers against nothing */
		json_t *one = c ? c : p;

		if (json_is_object(one))
			json_object_foreach(one, k, v) {
				snprintf(sub, sizeof(sub), "%s.%s", path, k);
				n += json_delta_print(c ? v : NULL, c ? NULL : v, sub, f);
			}
		else
			json_array_foreach(one, i, v) {
				row_label(v, i, path, sub, sizeof(sub));
				n += json_delta_print(c ? v : NULL, c ? NULL : v, sub, f);
			}
		return n;
	}
	if ((!c || json_is_null(c)) && (!p || json_is_null(p)))
		return 0; /* nothing on either side (an open window's bound) */
	if ((c && json_is_string(c)) || (p && json_is_string(p)))
		return c && p && json_equal(c, p) ? 0 : print_pair(c, p, path, f);
	return print_pair(c, p, path, f);
}
