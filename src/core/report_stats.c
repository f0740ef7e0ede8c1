/* report_stats.c - the statistics the reports use (see report.h): the nearest-rank quantile of
 * the speed and forecast reports (of values one by one, or counted), and the two-proportion z-test of the A/B report with the rule
 * that says when its normal approximation holds. */
#include <math.h>
#include <stdlib.h>

#include "core/report.h"

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

int64_t report_quantile(int64_t *v, size_t n, double q)
{
	size_t rank;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_i64);
	rank = (size_t)ceil(q * (double)n);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

int64_t report_quantile_counted(int64_t *v, size_t npairs, double q)
{
	int64_t total = 0, rank, seen = 0;
	size_t i;

	for (i = 0; i < npairs; i++)
		total += v[2 * i + 1];
	if (total <= 0)
		return 0;
	/* each pair one element of two int64_t, ordered by its first, the value */
	qsort(v, npairs, 2 * sizeof(*v), cmp_i64);
	rank = (int64_t)ceil(q * (double)total);
	if (rank < 1)
		rank = 1;
	if (rank > total)
		rank = total;
	for (i = 0; i < npairs; i++) {
		seen += v[2 * i + 1];
		if (seen >= rank)
			return v[2 * i];
	}
	return v[2 * (npairs - 1)];
}

double report_two_proportion_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2)
{
	double p1, p2, p, se, z;

	if (n1 <= 0 || n2 <= 0)
		return 1;
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	p = (double)(x1 + x2) / (double)(n1 + n2);
	se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
	if (!(se > 0))
		return 1;
	z = (p1 - p2) / se;
	return erfc(fabs(z) / sqrt(2.0));
}

int report_sample_ok(int64_t x1, int64_t n1, int64_t x2, int64_t n2)
{
	double p;

	if (n1 <= 0 || n2 <= 0)
		return 0;
	p = (double)(x1 + x2) / (double)(n1 + n2);
	return (double)n1 * p >= 5 && (double)n1 * (1 - p) >= 5 && (double)n2 * p >= 5 && (double)n2 * (1 - p) >= 5;
}
