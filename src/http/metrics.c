/* metrics.c - the request metrics of this process for /metrics: a count per route and status
 * class and a latency histogram, counted as the server answers (http_metrics_count) and
 * written as Prometheus text by the /metrics route (http_metrics_requests). */
#include "http/http.h"

/* request metrics: per route, per status class; latency buckets */
#define NSTATUS 6 /* 1xx..5xx, other */
static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))
static _Atomic long long counts[64][NSTATUS];
static _Atomic long long latency[NBUCKETS + 1];
static _Atomic long long latency_sum_us;

void http_metrics_count(int route, int status, double ms)
{
	int cls_idx;

	cls_idx = status >= 100 && status < 600 ? status / 100 - 1 : 5;
	if (route >= 0 && route < 64)
		counts[route][cls_idx]++;
	{
		size_t b = 0;

		while (b < NBUCKETS && ms / 1000 > buckets[b])
			b++;
		latency[b]++;
		latency_sum_us += (long long)(ms * 1000);
	}
}

void http_metrics_requests(struct strbuf *sb, const struct http_route *routes, size_t nroutes)
{
	static const char *const cls[NSTATUS] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
	long long cum = 0;
	size_t i, k;

	strbuf_addstr(sb, "# HELP baton_http_requests_total HTTP requests by route and status class.\n"
			  "# TYPE baton_http_requests_total counter\n");
	for (i = 0; i < nroutes && i < 64; i++)
		for (k = 0; k < NSTATUS; k++)
			if (counts[i][k])
				strbuf_addf(sb, "baton_http_requests_total{route=\"%s\",status=\"%s\"} %lld\n",
					    routes[i].name, cls[k], (long long)counts[i][k]);
	strbuf_addstr(
		sb,
		"# HELP baton_http_request_seconds Request latency.\n# TYPE baton_http_request_seconds histogram\n");
	for (i = 0; i < NBUCKETS; i++) {
		cum += latency[i];
		strbuf_addf(sb, "baton_http_request_seconds_bucket{le=\"%g\"} %lld\n", buckets[i], cum);
	}
	cum += latency[NBUCKETS];
	strbuf_addf(sb, "baton_http_request_seconds_bucket{le=\"+Inf\"} %lld\n", cum);
	strbuf_addf(sb, "baton_http_request_seconds_sum %.6f\nbaton_http_request_seconds_count %lld\n",
		    (double)latency_sum_us / 1e6, cum);
}
