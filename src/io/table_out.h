/* table_out.h - plain text tables for people: columns padded to their widest cell (counted in
 * UTF-8 characters), a header row, two spaces between columns. */
#ifndef BATON_TABLE_OUT_H
#define BATON_TABLE_OUT_H

#include <stddef.h>
#include <stdio.h>

struct table;

/* A new table with ncols columns named by the header strings (copied); free with table_free. */
struct table *table_new(size_t ncols, const char *const *header);

/* Appends a row of ncols cells (copied; NULL prints as "-"). */
void table_row(struct table *t, const char *const *cells);

/* Prints the table to f. */
void table_print(const struct table *t, FILE *f);

/* Frees the table and sets *t to NULL; NULL-safe. */
void table_free(struct table **t);

#endif
