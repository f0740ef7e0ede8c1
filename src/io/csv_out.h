/* csv_out.h - the one CSV writer: every CSV baton prints (export leads|events, every report,
 * advise, simulate) goes through it, so every cell gets the same quoting and the same defence.
 * RFC 4180: cells separated by commas, rows ended by CRLF, a cell quoted when it holds a comma,
 * a double quote or a line break (quotes doubled). A text cell that a spreadsheet would run as
 * a formula -- its first character is =, +, -, @, a tab or a carriage return -- is prefixed
 * with a single quote (OWASP's "CSV injection" rule), then quoted as above. Number cells are
 * written as they are, so a negative number stays a number (docs/reports.md, "CSV"). */
#ifndef BATON_CSV_OUT_H
#define BATON_CSV_OUT_H

#include <stddef.h>
#include <stdio.h>

struct csv_out {
	FILE *f;    /* where the rows go; borrowed */
	size_t col; /* cells written in the current row */
};

/* Starts writing CSV to f (borrowed; o needs no release). */
void csv_out_init(struct csv_out *o, FILE *f);

/* Writes a text cell (NULL: an empty cell), neutralised and quoted as above. */
void csv_text(struct csv_out *o, const char *s);

/* Writes a number cell, already formatted (NULL: an empty cell). It is written as it is only
 * when it is a plain decimal number (csv_is_number); anything else is written as text. */
void csv_number(struct csv_out *o, const char *s);

/* Ends the current row with CRLF. */
void csv_end_row(struct csv_out *o);

/* 1 if s is a plain decimal number: -?digits[.digits][(e|E)[+|-]digits], else 0. */
int csv_is_number(const char *s);

/* 1 if text cell s would be prefixed with a single quote (its first byte is =, +, -, @, tab or
 * carriage return), else 0. */
int csv_formula_like(const char *s);

/* 1 if the n bytes at s are a neutralised cell -- a single quote, then one of the characters
 * above -- so that an importer reads back the value without the quote, else 0. */
int csv_neutralised(const char *s, size_t n);

#endif
