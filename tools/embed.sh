#!/bin/sh
# embed.sh SYMBOL FILE - prints a C file that defines `const char SYMBOL[]` holding FILE's
# bytes and a NUL, so text assets (default playbook, SQL schema) are built into the binary.
set -eu
sym=$1
file=$2
echo "/* generated from $file by tools/embed.sh; do not edit */"
echo "#include <stddef.h>"
echo "const char $sym[] = {"
od -An -v -tx1 "$file" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
echo "0x00};"
echo "const size_t ${sym}_len = sizeof($sym) - 1;"
