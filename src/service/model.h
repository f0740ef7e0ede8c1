/* model.h - training the fit model on the store's closed history. */
#ifndef BATON_SVC_MODEL_H
#define BATON_SVC_MODEL_H

#include <stdint.h>

#include "util/error.h"

struct service;

struct train_report;

/* Trains a fit model on the store's closed history and stores it as the next version; fills
 * *rep and *version. Refuses (-BT_REFUSED) with too little or one-sided history. */
int service_model_train(struct service *svc, struct train_report *rep, int64_t *version, struct bt_error *err);

#endif
