"""mail_read.py - the messages a maildir holds for one address, as a receiving program reads
them: each one parsed by Python's email module, its body decoded (quoted-printable, soft line
breaks joined; the charset applied), so that a test takes a link from the text a person sees
rather than from the encoded lines. For tests/e2e/lib_mail.sh; run with /usr/bin/python3
(Debian's, beside python3-aiosmtpd).

usage: mail_read.py MAILDIR ADDRESS
prints a JSON array, oldest first, of {"file", "to", "from", "subject", "content_type",
"transfer_encoding", "body"} for each message in MAILDIR/new whose To: names ADDRESS
(case-insensitive); [] when there is none."""
import email
import email.policy
import email.utils
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    folder, want = os.path.join(sys.argv[1], "new"), sys.argv[2].lower()
    found = []
    names = os.listdir(folder) if os.path.isdir(folder) else []
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        to = [a.lower() for _, a in email.utils.getaddresses(msg.get_all("To", []))]
        if want not in to:
            continue
        body = msg.get_body(preferencelist=("plain",))
        found.append((os.stat(path).st_mtime_ns, name, {
            "file": path,
            "to": str(msg["To"]),
            "from": str(msg["From"]),
            "subject": str(msg["Subject"]),
            "content_type": msg.get_content_type(),
            "transfer_encoding": str(msg.get("Content-Transfer-Encoding", "")),
            "body": body.get_content() if body is not None else "",
        }))
    found.sort(key=lambda m: (m[0], m[1]))
    json.dump([m[2] for m in found], sys.stdout)
    print()


main()
