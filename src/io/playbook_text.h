/* playbook_text.h - the playbook's YAML text as a manager reads and writes it over the API
 * (GET /api/v1/playbook?format=yaml, PUT /api/v1/playbook): the password in a URL's user
 * information ("smtp://baton:secret@mail.example") is shown masked ("***", as the JSON view
 * masks it), and a text that comes back holding a masked password gets the password of the
 * same URL in the text in force, so an edit never needs the secret and never stores "***". */
#ifndef BATON_PLAYBOOK_TEXT_H
#define BATON_PLAYBOOK_TEXT_H

#include "util/error.h"

/* text with the password of every URL masked; malloc'd, the caller frees it. */
char *playbook_text_mask(const char *text);

/* text with every masked password put back from the URL of the text in force `current` that
 * masks to the same URL: 0 and *out malloc'd (the caller frees it), or -BT_BAD_INPUT naming the
 * line of a masked password that no URL of `current` has (*out NULL). */
int playbook_text_unmask(const char *text, const char *current, char **out, struct bt_error *err);

#endif
