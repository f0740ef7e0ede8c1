/* charset.c - an imported file's bytes to UTF-8; see charset.h. A table maps --encoding's names
 * to iconv's (glibc). The file's head (64 KiB) is read once to look at its byte-order mark and
 * its first bytes; a conversion streams the head and the rest through iconv into
 * tmpfile(), counting the lines it has written so that a byte iconv cannot read is named by its
 * line. Memory stays the same whatever the file's size. */
#include "io/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "util/strbuf.h"

#define HEAD_MAX (64 * 1024) /* bytes looked at before deciding */
#define CHUNK (64 * 1024)    /* bytes per fread and per iconv output */

static const struct charset {
	/* as --encoding takes it */
	const char *name;
	/* as iconv_open takes it; NULL for UTF-8 (no conversion) */
	const char *iconv;
	/* its byte-order mark, skipped where present; "" if none */
	const char *bom;
	/* 1: a UTF-16 byte-order mark of either order decides (utf-16) */
	int bom_decides;
	/* a single-byte encoding: a file that reads as UTF-8 is refused, not converted twice */
	int single_byte;
} charsets[] = {
	{"utf-8", NULL, "", 0, 0},
	{"utf-16le", "UTF-16LE", "\xFF\xFE", 0, 0},
	{"utf-16be", "UTF-16BE", "\xFE\xFF", 0, 0},
	{"utf-16", "UTF-16LE", "", 1, 0},
	{"windows-1252", "WINDOWS-1252", "", 0, 1},
	{"cp1252", "WINDOWS-1252", "", 0, 1},
	{"iso-8859-1", "ISO-8859-1", "", 0, 1},
	{"latin1", "ISO-8859-1", "", 0, 1},
	{"iso-8859-15", "ISO-8859-15", "", 0, 1},
};

#define CS_UTF8 (&charsets[0])
#define CS_UTF16LE (&charsets[1])
#define CS_UTF16BE (&charsets[2])
#define NCHARSETS (sizeof(charsets) / sizeof(charsets[0]))

/* Lines counted as the CSV reader counts them: LF, CRLF or CR ends one. */
struct lines {
	int64_t n;   /* line ends seen */
	int prev_cr; /* the last byte seen was a CR */
};

static void lines_add(struct lines *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && !l->prev_cr)
			l->n++;
		else if (s[i] == '\r')
			l->n++;
		l->prev_cr = s[i] == '\r';
	}
}

/* The encoding a name means (any case), or NULL with *err. */
static const struct charset *charset_find(const char *name, struct bt_error *err)
{
	struct strbuf names;
	size_t i;

	for (i = 0; i < NCHARSETS; i++)
		if (strcasecmp(name, charsets[i].name) == 0)
			return &charsets[i];
	strbuf_init(&names);
	for (i = 0; i < NCHARSETS; i++)
		strbuf_addf(&names, "%s%s", i ? ", " : "", charsets[i].name);
	bt_fail(err, BT_USAGE, "encoding", 0, "--encoding %.64s: unknown encoding; use one of %s", name, names.buf);
	strbuf_release(&names);
	return NULL;
}

/* Copies what is left of in after its head into out; 0 or -BT_BAD_INPUT. */
static int copy_rest(FILE *in, FILE *out, char *buf, struct bt_error *err)
{
	size_t n;

	while ((n = fread(buf, 1, CHUNK, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot write a temporary file: %s",
				       strerror(errno));
	if (ferror(in))
		return bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot read the file: %s", strerror(errno));
	return 0;
}

/* Feeds in[0..*n) to iconv, writing the UTF-8 to out; leaves in *n the bytes of a character cut
 * at the end (moved to the start of in). 0 or -BT_BAD_INPUT naming the line of a bad byte. */
static int convert_some(iconv_t cd, const struct charset *cs, char *in, size_t *n, char *obuf, FILE *out,
			struct lines *lines, struct bt_error *err)
{
	char *ip = in, *op;
	size_t il = *n, ol, r, made;

	while (il) {
		op = obuf;
		ol = CHUNK;
		r = iconv(cd, &ip, &il, &op, &ol);
		made = CHUNK - ol;
		lines_add(lines, obuf, made);
		if (made && fwrite(obuf, 1, made, out) != made)
			return bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot write a temporary file: %s",
				       strerror(errno));
		if (r != (size_t)-1 || errno == EINVAL)
			break;
		if (errno != E2BIG)
			return bt_fail(err, BT_BAD_INPUT, "encoding", (int)(lines->n + 1),
				       "line %lld is not %s text (the byte 0x%02X): save the file as \"CSV UTF-8\", or "
				       "name its encoding with --encoding",
				       (long long)(lines->n + 1), cs->name, (unsigned char)*ip);
	}
	memmove(in, ip, il);
	*n = il;
	return 0;
}

/* Converts head[0..nhead) and the rest of in from cs into out. 0 or a negative bt_code. */
static int convert(FILE *in, const char *head, size_t nhead, const struct charset *cs, FILE *out, struct bt_error *err)
{
	iconv_t cd = iconv_open("UTF-8", cs->iconv);
	char *ibuf = NULL, *obuf = NULL;
	struct lines lines = {0, 0};
	size_t have = 0, take;
	int rc = 0, eof = 0;

	if (cd == (iconv_t)-1)
		return bt_fail(err, BT_BAD_INPUT, "encoding", 0, "this system's iconv cannot read %s", cs->name);
	ibuf = malloc(CHUNK);
	obuf = malloc(CHUNK);
	if (!ibuf || !obuf) {
		rc = bt_fail(err, BT_STORAGE, "encoding", 0, "out of memory");
		goto done;
	}
	while (!eof) {
		if (nhead) {
			take = nhead < CHUNK - have ? nhead : CHUNK - have;
			memcpy(ibuf + have, head, take);
			head += take;
			nhead -= take;
		} else {
			take = fread(ibuf + have, 1, CHUNK - have, in);
			if (!take && ferror(in)) {
				rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot read the file: %s",
					     strerror(errno));
				goto done;
			}
			eof = !take;
		}
		have += take;
		rc = convert_some(cd, cs, ibuf, &have, obuf, out, &lines, err);
		if (rc)
			goto done;
	}
	if (have)
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", (int)(lines.n + 1),
			     "line %lld: the file ends in the middle of a %s character", (long long)(lines.n + 1),
			     cs->name);
done:
	iconv_close(cd);
	free(ibuf);
	free(obuf);
	return rc;
}

/* The encoding a byte-order mark at the head names, or NULL. */
static const struct charset *by_bom(const char *head, size_t n)
{
	if (n >= 2 && memcmp(head, CS_UTF16LE->bom, 2) == 0)
		return CS_UTF16LE;
	if (n >= 2 && memcmp(head, CS_UTF16BE->bom, 2) == 0)
		return CS_UTF16BE;
	return NULL;
}

/* 1 if the bytes at s[at..n) are the start of a UTF-8 character cut by the end of s. */
static int cut_at_end(const char *s, size_t n, size_t at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (at + 4 <= n || u[at] < 0xC2 || u[at] > 0xF4)
		return 0;
	for (i = at + 1; i < n; i++)
		if ((u[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/* Offset of the first byte of head[0..n) that is not UTF-8 text, or n; a character cut by the
 * head's end is text when the file goes on (full). */
static size_t utf8_bad_at(const char *head, size_t n, int full)
{
	const uint8_t *bad = u8_check((const uint8_t *)head, n);
	size_t at = bad ? (size_t)((const char *)bad - head) : n;

	return at < n && full && cut_at_end(head, n, at) ? n : at;
}

/* Refuses a head read as UTF-8 that is UTF-16 without its byte-order mark (a NUL byte every
 * other byte from the start); 0 or -BT_BAD_INPUT. Other bytes that are not UTF-8 are left to
 * the CSV reader, which refuses the row that holds them, naming its line and field. */
static int check_not_utf16(const char *head, size_t n, struct bt_error *err)
{
	if (n >= 4 && (head[0] == '\0') != (head[1] == '\0') && (head[2] == '\0') != (head[3] == '\0'))
		return bt_fail(
			err, BT_BAD_INPUT, "encoding", 1,
			"the file looks like UTF-16 text without a byte-order mark: import it with --encoding %s",
			head[1] == '\0' ? "utf-16le" : "utf-16be");
	return 0;
}

/* 1 if head[0..n) holds a non-ASCII character (a UTF-8 byte-order mark counts) and is UTF-8 text. */
static int reads_as_utf8(const char *head, size_t n, int full)
{
	size_t i;

	for (i = 0; i < n && !((unsigned char)head[i] & 0x80); i++)
		;
	return i < n && utf8_bad_at(head, n, full) == n;
}

int charset_to_utf8(FILE **f, const char *encoding, struct bt_error *err)
{
	const struct charset *cs = CS_UTF8, *bom;
	char *head = malloc(HEAD_MAX);
	size_t n, skip = 0;
	FILE *out = NULL;
	int rc = 0, full;

	if (!head)
		return bt_fail(err, BT_STORAGE, "encoding", 0, "out of memory");
	if (encoding && !(cs = charset_find(encoding, err))) {
		rc = -BT_USAGE;
		goto done;
	}
	n = fread(head, 1, HEAD_MAX, *f);
	if (ferror(*f)) {
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot read the file: %s", strerror(errno));
		goto done;
	}
	full = n == HEAD_MAX;
	bom = by_bom(head, n);
	if (bom && (!encoding || bom == cs || cs->bom_decides)) {
		cs = bom;
		skip = 2;
	} else if (bom) {
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 1,
			     "the file is %s text (its byte-order mark says so), not %s: import it without --encoding",
			     bom->name, cs->name);
		goto done;
	} else if (!cs->iconv) {
		rc = check_not_utf16(head, n, err);
		if (rc || fseek(*f, 0, SEEK_SET) == 0)
			goto done;
		/* a pipe: what was read goes first into a file that holds the whole */
	} else if (cs->single_byte && reads_as_utf8(head, n, full)) {
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0,
			     "the file is already UTF-8 text: import it without --encoding %s", cs->name);
		goto done;
	}
	out = tmpfile();
	if (!out) {
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot create a temporary file: %s", strerror(errno));
		goto done;
	}
	if (cs->iconv)
		rc = convert(*f, head + skip, n - skip, cs, out, err);
	else if (fwrite(head, 1, n, out) != n)
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot write a temporary file: %s", strerror(errno));
	else
		rc = copy_rest(*f, out, head, err);
	if (!rc && (fflush(out) != 0 || fseek(out, 0, SEEK_SET) != 0))
		rc = bt_fail(err, BT_BAD_INPUT, "encoding", 0, "cannot read back a temporary file: %s",
			     strerror(errno));
	if (rc) {
		fclose(out);
		goto done;
	}
	fclose(*f);
	*f = out;
done:
	free(head);
	return rc;
}
