# lib_mail.sh - a real SMTP server for the end-to-end tests (sourced after lib.sh and
# lib_http.sh): Debian's python3-aiosmtpd on a free port of 127.0.0.1, writing every message it
# receives into a maildir; the messages read back as their recipient reads them
# (tests/tools/mail_read.py: the body decoded); a playbook that sends email to it; the checks
# of a sign-in email. A test that sources it kills $SMTP_PID in its exit trap.
PY=/usr/bin/python3 # the pyenv python3 on PATH has no aiosmtpd
MAIL_READ="$(cd "$(dirname "$0")/../tools" && pwd)/mail_read.py"
SMTP_PID=
SMTP_PORT=

# smtp_ready: true when python3-aiosmtpd is installed (make deps)
smtp_ready() {
	$PY -c 'import aiosmtpd' 2>/dev/null
}

# free_port: a port of 127.0.0.1 nobody listens on (the kernel's pick)
free_port() {
	$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_smtp [MAILDIR]: aiosmtpd on $SMTP_PORT (a free port when unset) writing each message
# into MAILDIR (default $T/mail; it makes it: it must not exist); waits until it accepts
# connections (10 s at most); sets SMTP_PID. Its log goes to $T/smtp.log.
start_smtp() {
	[ -n "$SMTP_PORT" ] || SMTP_PORT=$(free_port)
	$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "${1:-$T/mail}" 2>>"$T/smtp.log" &
	SMTP_PID=$!
	_i=0
	while [ $_i -lt 100 ]; do
		$PY -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" 2>/dev/null && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# mail_to ADDRESS: the files of the maildir $T/mail addressed to ADDRESS (To: header)
mail_to() {
	[ -d "$T/mail/new" ] || return 0
	grep -l "^To: $1" "$T/mail/new/"* 2>/dev/null
}

# mail_read ADDRESS [MAILDIR]: the messages to ADDRESS in MAILDIR (default $T/mail) as a JSON
# array, oldest first, each {"file", "to", "from", "subject", "content_type",
# "transfer_encoding", "body"}, the body decoded
mail_read() {
	$PY "$MAIL_READ" "${2:-$T/mail}" "$1"
}

# mail_wait ADDRESS [N]: waits up to 10 s for N (default 1) messages to ADDRESS in $T/mail;
# MAILS is mail_read's array, WAITED the milliseconds waited; 0 when they came
mail_wait() {
	_t0=$(date +%s%N)
	while :; do
		MAILS=$(mail_read "$1")
		WAITED=$((($(date +%s%N) - _t0) / 1000000))
		[ "$(printf '%s' "$MAILS" | jq length)" -ge "${2:-1}" ] && return 0
		[ "$WAITED" -lt 10000 ] || return 1
		sleep 0.1
	done
}

# smtp_playbook TEXT FILE: writes into FILE the playbook TEXT (without a notify: section) with
# one whose email channel is the SMTP server on $SMTP_PORT (from baton@example.com) and whose
# link_base is the server's $URL (lib_http.sh)
smtp_playbook() {
	printf '%s\nnotify:\n  link_base: "%s"\n  channels:\n    email: {smtp_url: "smtp://127.0.0.1:%s", from: "baton@example.com"}\n' \
		"$1" "$URL" "$SMTP_PORT" >"$2"
}

# expect_signin_mail ADDRESS UNTIL: the sign-in email to ADDRESS in $T/mail: one, To: ADDRESS,
# From: baton@example.com, Subject: Your sign-in link, its decoded body holding a link on the
# server's $URL (MAIL_LINK; quoted-printable folds its long line: read from the decoded body)
# and "until UNTIL" (the expiry in the rep's zone)
expect_signin_mail() {
	MAILS=$(mail_read "$1")
	_m=$(printf '%s' "$MAILS" | jq -c 'last // {}')
	if [ "$(printf '%s' "$MAILS" | jq -r '[length, last.to, last.from, last.subject] | join("|")')" = "1|$1|baton@example.com|Your sign-in link" ]; then
		ok "one email, To: $1, From: the playbook's sender, Subject: Your sign-in link"
	else
		not_ok "one email, To: $1, From: the playbook's sender, Subject: Your sign-in link" "$MAILS"
	fi
	_body=$(printf '%s' "$_m" | jq -r '.body // empty')
	MAIL_LINK=$(printf '%s\n' "$_body" | grep -o "$URL/api/v1/session/link/[A-Za-z0-9_-]*")
	# the link: this server's URL, the route (21 bytes) and a 43-byte token
	if [ ${#MAIL_LINK} = $((${#URL} + 21 + 43)) ]; then ok "its body holds the link, on the server's URL (notify.link_base)"; else not_ok "its body holds the link, on the server's URL" "$_body"; fi
	case "$_body" in
	*"until $2"*) ok "and until when it works, in the rep's own zone ($2)" ;;
	*) not_ok "and until when it works, in the rep's own zone ($2)" "$_body" ;;
	esac
	if [ -n "$MAIL_LINK" ] && ! grep -q -F -- "$MAIL_LINK" "$(printf '%s' "$_m" | jq -r .file)"; then
		echo "# the link's line is folded in the message as sent (quoted-printable)"
	fi
}
