/* hook_listener.c - a tiny HTTP receiver for baton's webhook tests (tests/e2e/test_api.sh).
 *
 *   hook_listener PORT N DIR [TIMEOUT_SECONDS]
 *
 * Listens on 127.0.0.1:PORT, accepts up to N requests (one per connection), writes the
 * request line and headers of the i-th request (from 1) to DIR/i.headers and its exact body
 * bytes (Content-Length of them) to DIR/i.body, answers 200 and closes the connection. Once
 * it listens it creates DIR/ready. Exits 0 after N requests, 1 when TIMEOUT_SECONDS (default
 * 10) pass first, 2 when it cannot listen (the port is taken: pick another), 3 on bad usage.
 * Plain POSIX sockets, no dependencies: compiled on the fly by the test. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEADERS (64 * 1024)
#define MAX_BODY (8 * 1024 * 1024)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_file(const char *dir, long i, const char *ext, const char *data, size_t len)
{
	char path[4096];
	FILE *f;
	size_t w;

	snprintf(path, sizeof(path), "%s/%ld.%s", dir, i, ext);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	w = len ? fwrite(data, 1, len, f) : 0;
	if (fclose(f) != 0 || w != len)
		return -1;
	return 0;
}

/* The value of Content-Length in the header block hdr (NUL-terminated), or 0. */
static size_t content_length(const char *hdr)
{
	const char *p = hdr;

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, "Content-Length:", 15) == 0) {
			long long n = strtoll(p + 15, NULL, 10);

			return n > 0 && n <= MAX_BODY ? (size_t)n : 0;
		}
	}
	return 0;
}

/* Reads one request from fd, stores it as request number i; 0 or -1. */
static int serve_one(int fd, const char *dir, long i)
{
	static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
				     "Connection: close\r\n\r\nok\n";
	char *buf = malloc(MAX_HEADERS + MAX_BODY + 1);
	size_t have = 0, head = 0, body = 0;
	struct timeval tv = {2, 0};
	char *end;
	int rc = -1;

	if (!buf)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	for (;;) { /* the header block */
		ssize_t n = recv(fd, buf + have, MAX_HEADERS - have, 0);

		if (n <= 0)
			goto out;
		have += (size_t)n;
		buf[have] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (end) {
			head = (size_t)(end - buf) + 4;
			break;
		}
		if (have == MAX_HEADERS)
			goto out;
	}
	buf[head - 2] = '\0'; /* the headers end with one CRLF in the file */
	body = content_length(buf);
	while (have < head + body) {
		ssize_t n = recv(fd, buf + have, head + body - have, 0);

		if (n <= 0)
			goto out;
		have += (size_t)n;
	}
	if (write_file(dir, i, "body", buf + head, body) || write_file(dir, i, "headers", buf, strlen(buf)))
		goto out;
	if (send(fd, answer, sizeof(answer) - 1, 0) == (ssize_t)(sizeof(answer) - 1))
		rc = 0;
out:
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	double deadline, timeout = 10;
	long port, want, got = 0;
	char path[4096];
	int s, one = 1;
	FILE *ready;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: hook_listener PORT N DIR [TIMEOUT_SECONDS]\n");
		return 3;
	}
	port = strtol(argv[1], NULL, 10);
	want = strtol(argv[2], NULL, 10);
	if (argc == 5)
		timeout = strtod(argv[4], NULL);
	if (port < 1 || port > 65535 || want < 1 || !(timeout > 0) || timeout > 600) {
		fprintf(stderr, "hook_listener: bad arguments\n");
		return 3;
	}
	signal(SIGPIPE, SIG_IGN);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return 2;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(s, 16) != 0) {
		fprintf(stderr, "hook_listener: cannot listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
		close(s);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/ready", argv[3]);
	ready = fopen(path, "w");
	if (!ready || fclose(ready) != 0) {
		fprintf(stderr, "hook_listener: cannot write %s\n", path);
		close(s);
		return 3;
	}
	deadline = now_s() + timeout;
	while (got < want) {
		double left = deadline - now_s();
		struct pollfd pfd = {s, POLLIN, 0};
		int c, r;

		if (left <= 0)
			break;
		r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue; /* the deadline is checked at the top */
		c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		if (serve_one(c, argv[3], got + 1) == 0)
			got++;
		close(c);
	}
	close(s);
	if (got < want) {
		fprintf(stderr, "hook_listener: %ld of %ld requests before the timeout\n", got, want);
		return 1;
	}
	return 0;
}
