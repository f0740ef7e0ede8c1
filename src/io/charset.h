/* charset.h - the character set of an imported file, before the CSV reader sees it: UTF-8 is
 * read as it is (a byte-order mark is the reader's to skip); UTF-16 (said by its byte-order
 * mark) and any encoding named with --encoding (Windows-1252, ...) are converted to UTF-8 with
 * iconv into a temporary file. Nothing is guessed beyond the byte-order mark, and nothing is
 * mangled: bytes that are not text in the file's encoding are refused, naming their line. docs/import.md, "The file". */
#ifndef BATON_CHARSET_H
#define BATON_CHARSET_H

#include <stdio.h>

#include "util/error.h"

/* Makes *f, open at its start, read as UTF-8 text from its start. encoding is --encoding's
 * value (utf-8, utf-16, utf-16le, utf-16be, windows-1252, iso-8859-1, ...; any case), or NULL:
 * then a UTF-16 byte-order mark converts from UTF-16 and anything else is read as UTF-8 as it
 * is (the CSV reader refuses a row whose values are not UTF-8, naming its line and field).
 * Converting, *f becomes a temporary file holding the UTF-8 text (the given one is closed; the
 * caller fcloses the new one as it would have the old). Returns 0, or a negative bt_code with
 * *err (field "encoding"): an unknown name (-BT_USAGE); a file that is not text in the encoding
 * named (-BT_BAD_INPUT, err->line the line of the first bad byte); UTF-16 without a byte-order
 * mark and no encoding named, or a single-byte encoding named for a file that is already UTF-8
 * (-BT_BAD_INPUT); a read or write error. */
int charset_to_utf8(FILE **f, const char *encoding, struct bt_error *err);

#endif
