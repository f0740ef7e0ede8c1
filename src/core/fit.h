/* fit.h - the playbook's fit filter (SPEC section 4, fit.filter): rules evaluated in order,
 * the first that matches filters the lead out with its reason. */
#ifndef BATON_FIT_H
#define BATON_FIT_H

#include "core/lead.h"
#include "core/playbook.h"

/* The first filter rule that the lead matches, or NULL if it fits; borrowed from pb. */
const struct pb_filter *fit_filter(const struct playbook *pb, const struct lead *l);

#endif
