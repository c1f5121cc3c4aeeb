#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fairseq's dictionary and .bin/.idx on three lines (FAIRSEQ-COMPAT.md 2.2): prints dict.txt and the bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/../../bin/toolkit-preprocess" --only-source --trainpref "$here/train.txt" --destdir "$out" >/dev/null
cat "$out/dict.txt"
od -An -tx1 -v "$out/train.idx"
od -An -tx1 -v "$out/train.bin"
