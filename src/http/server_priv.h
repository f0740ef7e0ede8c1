/* server_priv.h - what the files of src/http share and nobody else sees: the server's state,
 * which server.c starts, runs and stops, and request.c reads for a handler (the clock, the
 * store's URL, the group commit), stream.c for its hub. */
#ifndef BATON_SERVER_PRIV_H
#define BATON_SERVER_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

struct MHD_Daemon;
struct conn_watch;
struct group_commit;
struct stream_hub;

struct http_server {
	struct MHD_Daemon *d;
	struct group_commit *commit; /* the intake writer (group commit) */
	struct stream_hub *hub;      /* the live streams (stream.c), NULL in process */
	char *db;
	int64_t fixed_now;
	pthread_t ticker;
	pthread_t reaper;
	pthread_mutex_t watch_mu;
	struct conn_watch *watch; /* open connections, under watch_mu */
	atomic_int stopping;
	pthread_key_t svc_key;
};

#endif
