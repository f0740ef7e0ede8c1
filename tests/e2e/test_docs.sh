#!/bin/sh
# test_docs.sh - the documentation says what the binary does: docs/cli.md is exactly the
# commands' --help texts, and every command of `baton help` has a section there.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
sh tools/gen-cli-doc.sh "$BATON" >"$T/cli.md" 2>"$T/err"
if cmp -s "$T/cli.md" docs/cli.md; then
	ok "docs/cli.md matches every command's --help"
else
	not_ok "docs/cli.md matches every command's --help" "regenerate: sh tools/gen-cli-doc.sh build/baton > docs/cli.md" \
		"$(diff docs/cli.md "$T/cli.md" | head -5)"
fi
for key in org stages qualification fit routing sla rejections tasks credit escalation; do
	if grep -q "^## .*$key" docs/playbook.md; then ok "docs/playbook.md documents $key"; else not_ok "docs/playbook.md documents $key"; fi
done
