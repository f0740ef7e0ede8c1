/* test_session.c - the rules of sign-in by emailed link and of the session cookie
 * (src/core/session.c, SPEC 8.7): a link signs in once within 15 minutes; a rep is sent at most
 * five in 15 minutes; a session is over after 12 idle hours or when signed out, and its last
 * sight is written at most once a minute; which methods change something; when the cookie is
 * Secure; the Set-Cookie text; the cookie found in a Cookie header; whether an Origin is the
 * server's own. One table, one runner: each row names the rule it asks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/session.h"

#include "unit.h"

#define T0 "2026-11-23T09:00:00Z"
#define NONE (-1) /* a time that never was (used_at, revoked_at) */
#define H (3600)
#define V64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define V128 V64 V64

/* The rule a row asks. */
enum rule {
	R_LINK,     /* session_link_state(T0 + t1, used T0 + t2 or NONE, now T0 + t3) == want */
	R_THROTTLE, /* session_link_allowed(t1) == want */
	R_ALIVE,    /* session_alive(T0 + t1, revoked T0 + t2 or NONE, now T0 + t3) == want */
	R_TOUCH,    /* session_touch_due(T0 + t1, now T0 + t3) == want */
	R_METHOD,   /* session_state_changing(s1) == want */
	R_SECURE,   /* session_secure(s1, s2) == want */
	R_COOKIE,   /* session_cookie(buf, s1, secure t1) is text (NULL: refused) */
	R_FIND,     /* session_cookie_find(s1, buf) is text (NULL: none) */
	R_ORIGIN,   /* session_origin_ok(s1, link base s2, host s3, secure t1) == want */
};

struct session_case {
	const char *name;
	enum rule rule;
	const char *s1, *s2, *s3; /* the texts the rule takes */
	int64_t t1, t2, t3;       /* the times (seconds after T0) or numbers it takes */
	int want;                 /* its answer, when a number */
	const char *text;         /* its answer, when text */
};

static const struct session_case cases[] = {
	/* ---- a link: 15 minutes, once ---- */
	{"test_a_fresh_link_signs_in", R_LINK, NULL, NULL, NULL, 900, NONE, 60, LINK_VALID, NULL},
	{"test_a_link_signs_in_in_its_last_second", R_LINK, NULL, NULL, NULL, 900, NONE, 899, LINK_VALID, NULL},
	{"test_a_link_is_over_at_fifteen_minutes", R_LINK, NULL, NULL, NULL, 900, NONE, 900, LINK_EXPIRED, NULL},
	{"test_a_link_sixteen_minutes_old_is_expired", R_LINK, NULL, NULL, NULL, 900, NONE, 960, LINK_EXPIRED, NULL},
	{"test_a_used_link_signs_nobody_in_again", R_LINK, NULL, NULL, NULL, 900, 30, 60, LINK_USED, NULL},
	{"test_a_link_used_at_once_is_used", R_LINK, NULL, NULL, NULL, 900, 0, 0, LINK_USED, NULL},
	{"test_a_used_link_past_its_time_says_used", R_LINK, NULL, NULL, NULL, 900, 30, 2000, LINK_USED, NULL},

	/* ---- at most five links in 15 minutes ---- */
	{"test_a_rep_sent_no_link_may_be_sent_one", R_THROTTLE, NULL, NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_a_rep_sent_four_links_may_be_sent_a_fifth", R_THROTTLE, NULL, NULL, NULL, 4, 0, 0, 1, NULL},
	{"test_a_rep_sent_five_links_is_sent_no_sixth", R_THROTTLE, NULL, NULL, NULL, 5, 0, 0, 0, NULL},
	{"test_a_rep_sent_nine_links_is_sent_no_more", R_THROTTLE, NULL, NULL, NULL, 9, 0, 0, 0, NULL},

	/* ---- a session: 12 idle hours, or signed out ---- */
	{"test_a_session_just_used_is_alive", R_ALIVE, NULL, NULL, NULL, 0, NONE, 0, 1, NULL},
	{"test_a_session_idle_almost_12_hours_is_alive", R_ALIVE, NULL, NULL, NULL, 0, NONE, 12 * H - 1, 1, NULL},
	{"test_a_session_idle_12_hours_is_over", R_ALIVE, NULL, NULL, NULL, 0, NONE, 12 * H, 0, NULL},
	{"test_a_session_last_seen_13_hours_ago_is_over", R_ALIVE, NULL, NULL, NULL, 0, NONE, 13 * H, 0, NULL},
	{"test_a_session_used_again_lives_12_hours_from_then", R_ALIVE, NULL, NULL, NULL, 11 * H, NONE, 20 * H, 1, NULL},
	{"test_a_signed_out_session_is_over", R_ALIVE, NULL, NULL, NULL, 0, 10, 20, 0, NULL},

	/* ---- its last sight written at most once a minute ---- */
	{"test_a_session_seen_this_second_is_not_written", R_TOUCH, NULL, NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_a_session_seen_59_seconds_ago_is_not_written", R_TOUCH, NULL, NULL, NULL, 0, 0, 59, 0, NULL},
	{"test_a_session_seen_a_minute_ago_is_written", R_TOUCH, NULL, NULL, NULL, 0, 0, 60, 1, NULL},
	{"test_a_session_seen_an_hour_ago_is_written", R_TOUCH, NULL, NULL, NULL, 0, 0, H, 1, NULL},

	/* ---- what changes something: the Origin is checked ---- */
	{"test_get_changes_nothing", R_METHOD, "GET", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_head_changes_nothing", R_METHOD, "HEAD", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_options_changes_nothing", R_METHOD, "OPTIONS", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_post_changes_something", R_METHOD, "POST", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_put_changes_something", R_METHOD, "PUT", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_patch_changes_something", R_METHOD, "PATCH", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_delete_changes_something", R_METHOD, "DELETE", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_an_unknown_method_changes_something", R_METHOD, "PROPFIND", NULL, NULL, 0, 0, 0, 1, NULL},

	/* ---- Secure behind TLS ---- */
	{"test_plain_http_is_not_secure", R_SECURE, NULL, NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_a_proxy_saying_https_is_secure", R_SECURE, "https", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_a_proxy_saying_https_in_capitals_is_secure", R_SECURE, "HTTPS", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_a_chain_of_proxies_first_https_is_secure", R_SECURE, "https, http", NULL, NULL, 0, 0, 0, 1, NULL},
	{"test_a_proxy_saying_http_is_not_secure", R_SECURE, "http", "http://baton.example.com", NULL, 0, 0, 0, 0,
	 NULL},
	{"test_a_word_starting_with_https_is_not_https", R_SECURE, "httpsx", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_a_link_base_under_https_is_secure", R_SECURE, "http", "https://baton.example.com", NULL, 0, 0, 0, 1,
	 NULL},

	/* ---- the Set-Cookie text ---- */
	{"test_the_cookie_is_http_only_strict_for_12_hours", R_COOKIE, "abc", NULL, NULL, 0, 0, 0, 0,
	 "baton_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"},
	{"test_the_cookie_is_secure_behind_tls", R_COOKIE, "abc", NULL, NULL, 1, 0, 0, 0,
	 "baton_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure"},
	{"test_signing_out_clears_the_cookie", R_COOKIE, NULL, NULL, NULL, 0, 0, 0, 0,
	 "baton_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"},
	{"test_signing_out_behind_tls_clears_the_secure_cookie", R_COOKIE, NULL, NULL, NULL, 1, 0, 0, 0,
	 "baton_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"},
	{"test_a_value_too_long_makes_no_cookie", R_COOKIE, V128 "x", NULL, NULL, 0, 0, 0, 0, NULL},

	/* ---- the cookie in a Cookie header ---- */
	{"test_the_cookie_alone_is_found", R_FIND, "baton_session=abc", NULL, NULL, 0, 0, 0, 0, "abc"},
	{"test_the_cookie_among_others_is_found", R_FIND, "theme=dark; baton_session=aB-_9; lang=fr", NULL, NULL, 0, 0,
	 0, 0, "aB-_9"},
	{"test_the_first_of_two_cookies_is_found", R_FIND, "baton_session=abc;baton_session=def", NULL, NULL, 0, 0, 0,
	 0, "abc"},
	{"test_a_value_of_128_characters_is_found", R_FIND, "baton_session=" V128, NULL, NULL, 0, 0, 0, 0, V128},
	{"test_a_value_of_129_characters_is_refused", R_FIND, "baton_session=" V128 "x", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_no_cookie_header_holds_no_cookie", R_FIND, NULL, NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_another_cookie_is_not_the_session", R_FIND, "theme=dark", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_a_longer_name_is_not_the_session", R_FIND, "xbaton_session=abc; baton_sessionx=def", NULL, NULL, 0, 0, 0,
	 0, NULL},
	{"test_an_empty_value_is_no_session", R_FIND, "baton_session=; theme=dark", NULL, NULL, 0, 0, 0, 0, NULL},
	{"test_a_value_outside_base64url_is_refused", R_FIND, "baton_session=ab\"c", NULL, NULL, 0, 0, 0, 0, NULL},

	/* ---- the server's own Origin ---- */
	{"test_the_origin_of_the_listen_address_is_own", R_ORIGIN, "http://127.0.0.1:8080", "http://127.0.0.1:8080",
	 "127.0.0.1:8080", 0, 0, 0, 1, NULL},
	{"test_the_link_base_origin_behind_a_proxy_is_own", R_ORIGIN, "https://baton.example.com",
	 "https://baton.example.com/", "10.0.0.5:8080", 1, 0, 0, 1, NULL},
	{"test_the_default_port_of_the_link_base_is_left_out", R_ORIGIN, "https://baton.example.com",
	 "https://baton.example.com:443", NULL, 1, 0, 0, 1, NULL},
	{"test_an_origin_is_compared_without_case", R_ORIGIN, "https://Baton.Example.com", "https://baton.example.com",
	 NULL, 1, 0, 0, 1, NULL},
	{"test_the_origin_of_the_host_header_is_own", R_ORIGIN, "http://localhost:8080", NULL, "localhost:8080", 0, 0, 0,
	 1, NULL},
	{"test_the_host_header_under_tls_is_https", R_ORIGIN, "https://baton.example.com", NULL, "baton.example.com", 1,
	 0, 0, 1, NULL},
	{"test_the_host_header_under_tls_is_not_http", R_ORIGIN, "http://baton.example.com", NULL, "baton.example.com",
	 1, 0, 0, 0, NULL},
	{"test_an_ipv6_host_with_its_port_is_own", R_ORIGIN, "http://[::1]:8080", NULL, "[::1]:8080", 0, 0, 0, 1, NULL},
	{"test_an_ipv6_host_on_the_default_port_is_own", R_ORIGIN, "http://[::1]", NULL, "[::1]:80", 0, 0, 0, 1, NULL},
	{"test_another_site_is_not_own", R_ORIGIN, "https://evil.example", "https://baton.example.com",
	 "baton.example.com", 1, 0, 0, 0, NULL},
	{"test_another_port_is_not_own", R_ORIGIN, "http://127.0.0.1:8081", "http://127.0.0.1:8080", "127.0.0.1:8080", 0,
	 0, 0, 0, NULL},
	{"test_a_longer_host_is_not_own", R_ORIGIN, "http://127.0.0.1:8080.evil.example", "http://127.0.0.1:8080",
	 "127.0.0.1:8080", 0, 0, 0, 0, NULL},
	{"test_plain_http_is_not_the_https_link_base", R_ORIGIN, "http://baton.example.com", "https://baton.example.com",
	 NULL, 1, 0, 0, 0, NULL},
	{"test_no_origin_is_not_own", R_ORIGIN, NULL, "http://127.0.0.1:8080", "127.0.0.1:8080", 0, 0, 0, 0, NULL},
	{"test_the_null_origin_is_not_own", R_ORIGIN, "null", "http://127.0.0.1:8080", "127.0.0.1:8080", 0, 0, 0, 0,
	 NULL},
	{"test_an_origin_with_a_path_is_not_own", R_ORIGIN, "http://127.0.0.1:8080/", "http://127.0.0.1:8080",
	 "127.0.0.1:8080", 0, 0, 0, 0, NULL},
	{"test_an_origin_with_a_user_is_not_own", R_ORIGIN, "http://me@127.0.0.1:8080", "http://me@127.0.0.1:8080",
	 "me@127.0.0.1:8080", 0, 0, 0, 0, NULL},
	{"test_an_origin_of_another_scheme_is_not_own", R_ORIGIN, "file://127.0.0.1:8080", NULL, "127.0.0.1:8080", 0, 0,
	 0, 0, NULL},
};

/* T0 + offset, or 0 for NONE. */
static int64_t at(int64_t offset)
{
	return offset == NONE ? 0 : unit_at(T0) + offset;
}

/* Compares a text answer: both NULL, or equal. */
static void text_is(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void run_case(void **state)
{
	const struct session_case *c = *state;
	char cookie[SESSION_COOKIE_MAX], value[SESSION_VALUE_MAX + 1];

	switch (c->rule) {
	case R_LINK:
		assert_int_equal(session_link_state(at(c->t1), at(c->t2), at(c->t3)), c->want);
		break;
	case R_THROTTLE:
		assert_int_equal(session_link_allowed(c->t1), c->want);
		break;
	case R_ALIVE:
		assert_int_equal(session_alive(at(c->t1), at(c->t2), at(c->t3)), c->want);
		break;
	case R_TOUCH:
		assert_int_equal(session_touch_due(at(c->t1), at(c->t3)), c->want);
		break;
	case R_METHOD:
		assert_int_equal(session_state_changing(c->s1), c->want);
		break;
	case R_SECURE:
		assert_int_equal(session_secure(c->s1, c->s2), c->want);
		break;
	case R_COOKIE:
		text_is(session_cookie(cookie, c->s1, (int)c->t1), c->text);
		break;
	case R_FIND:
		text_is(session_cookie_find(c->s1, value), c->text);
		break;
	case R_ORIGIN:
		assert_int_equal(session_origin_ok(c->s1, c->s2, c->s3, (int)c->t1), c->want);
		break;
	}
}

UNIT_TABLE_MAIN("session", cases, run_case, NULL, NULL)
