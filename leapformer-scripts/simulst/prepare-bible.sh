#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# English->Spanish speech translation data in a MuST-C-like layout, built offline and deterministically from Debian
# packages: the King James Bible (sword-text-kjv) read aloud by espeak-ng, with the Reina-Valera 1909
# (sword-text-sparv) as targets, aligned by verse (bin/toolkit-parallel bible). With --corpus gettext, the
# English->German variant: the natural-language strings of the installed gettext catalogs (bin/toolkit-parallel
# gettext --lang de, split by catalog; GPL texts, so built here and never committed) read aloud the same way.
#
# Usage: prepare-bible.sh [OUT_DIR] [--corpus bible|gettext] [--root DIR]... [--limit N] [--jobs J]
#                         [--vocab-type T] [--vocab-size N] [--cmvn-type C] [--no-features]
#   OUT_DIR    default $LEAPSEQ_DATA/simulst/bible-en-es (gettext: .../gettext-en-de)
#   --corpus   bible (default) or gettext; --root DIR: where gettext catalogs are searched (repeatable, default
#              /usr/share/locale; add unpacked l10n packages as DATA.md describes for more pairs)
#   --limit N  at most N utterances per split, evenly spread over the split (default 10000; 0 = every verse).
#              The default gives 10,000 train + 433 valid (Romans) + 678 test (Mark) utterances, about 30 h of audio
#   --jobs J   synthesis processes (default 2); features use every processor (the output does not depend on it;
#              spm_train always gets 2 threads, since its pieces depend on the thread count)
#   --vocab-type T, --vocab-size N  SentencePiece vocabulary (default unigram 1000, for a small corpus)
#   --cmvn-type C   global (default, LeaPformer's choice: OUT/gcmvn.npz) or utterance
#   --no-features   stop after synthesis (raw manifests only)
# Needs: apt-get install -y sword-text-kjv sword-text-sparv libsword-utils espeak-ng sox sentencepiece
#
# Output (a rerun rebuilds OUT/wav from scratch; the same packages give byte-identical files):
#   OUT/text/{kjv,sparv}.imp, OUT/text/{all,train,valid,test}.tsv and {train,valid,test}.{en,es}  (toolkit-parallel)
#   OUT/wav/<id>.wav            16 kHz mono s16 WAV, id = verse key ("I Samuel 3:4" -> I-Samuel_3_4)
#   OUT/{train,valid,test}.tsv   raw manifests: id audio n_frames src_text tgt_text speaker (tgt_text Spanish;
#                                n_frames = audio samples; audio = wav/<id>.wav, relative to OUT)
#   then bin/toolkit-prep-s2t --manifest-dir OUT --task st,asr (fairseq's prep_mustc_data.py) writes
#   OUT/fbank80.zip             80-dim fbank of every utterance (stored .npy members)
#   OUT/{split}_st.tsv, OUT/{split}_asr.tsv  feature manifests: id audio n_frames tgt_text speaker
#                                (audio = /abs/OUT/fbank80.zip:offset:length, n_frames = fbank frames, filtered)
#   OUT/spm_unigram1000_{st,asr}.{model,vocab,txt}, OUT/gcmvn.npz, OUT/config_{st,asr}.yaml
# Rules: the KJV's paragraph signs (¶, 2,967 verses) and leaked USFM markers (\nd, \+nd*: 27 verses) are removed
#   from the English, which espeak-ng would otherwise read aloud ("paragraph"); text/*.tsv keep them, as the
#   reference bible_pairs.py does. Verses of more than 60 words are left out (they would pass 3000 fbank frames,
#   fairseq's train limit).
#   Voice, rate and pitch rotate with the verse's number i in text/all.tsv (1-based), as reference build_st.sh does:
#   voice = VOICES[i % 12], rate = 150 + (i*37) % 60 wpm, pitch = 35 + (i*53) % 40; speaker = <voice>_s<rate>_p<pitch>.
#   (espeak-ng 1.51 ignores a +variant after en-gb, so en-gb+f3 sounds as en-gb; every voice below is distinct.)
#   espeak-ng writes 22,050 Hz; `sox -R -D ... -r 16000 -b 16 -c 1 ... gain -1` resamples without random dither.
#
source "$(dirname "$(readlink -f "$0")")/../common.sh"

VOICES=(en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-gb-x-gbclan en-us+f2 en+f3 en-us+m3 en-gb-x-rp+f4
  en-gb-x-gbcwmd en-029+m7)
MAX_WORDS=60

usage="usage: $(basename "$0") [OUT_DIR] [--corpus bible|gettext] [--root DIR] [--limit N] [--jobs J] [--vocab-type T] [--vocab-size N] [--cmvn-type C] [--no-features]"
out="" limit=10000 jobs=2 vocab_type=unigram vocab_size=1000 cmvn_type=global features=1 corpus=bible roots=()
while (($#)); do
  case "$1" in
    --corpus) [[ $# -ge 2 && "$2" =~ ^(bible|gettext)$ ]] || die "--corpus needs bible or gettext"; corpus="$2"; shift ;;
    --root) [[ $# -ge 2 && -d "$2" ]] || die "--root needs a directory"; roots+=(--root "$2"); shift ;;
    --limit) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--limit needs a number (0 = every verse)"; limit="$2"; shift ;;
    --jobs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--jobs needs a positive number"; jobs="$2"; shift ;;
    --vocab-type) [[ $# -ge 2 && "$2" =~ ^(unigram|bpe|char)$ ]] || die "--vocab-type needs unigram, bpe or char"; vocab_type="$2"; shift ;;
    --vocab-size) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--vocab-size needs a positive number"; vocab_size="$2"; shift ;;
    --cmvn-type) [[ $# -ge 2 && "$2" =~ ^(global|utterance)$ ]] || die "--cmvn-type needs global or utterance"; cmvn_type="$2"; shift ;;
    --no-features) features=0 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) die "unknown option '$1' ($usage)" ;;
    *) [[ -z "$out" ]] || die "more than one OUT_DIR given ($usage)"; out="$1" ;;
  esac
  shift
done
[[ $corpus == bible ]] && default_out=bible-en-es || default_out=gettext-en-de
out="${out:-$LEAPSEQ_DATA/simulst/$default_out}"
mkdir -p "$out/text"
out="$(cd "$out" && pwd)"

tools=(espeak-ng sox soxi)
[[ $corpus == bible ]] && tools+=(mod2imp)
((features)) && tools+=(spm_train)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found; install: apt-get install -y sword-text-kjv" \
    "sword-text-sparv libsword-utils espeak-ng sox sentencepiece"
done
start=$SECONDS
rm -rf "$out/wav"
mkdir -p "$out/wav"

# dump_module MODULE FILE: mod2imp MODULE into FILE (atomically); a missing module is an error naming its package.
dump_module() {
  local module="$1" file="$2" package="$3"
  mod2imp "$module" > "$file.tmp" 2>/dev/null || true
  grep -q '^\$\$\$' "$file.tmp" || { rm -f "$file.tmp"; die "mod2imp $module gave no text; install: apt-get install -y $package libsword-utils"; }
  mv "$file.tmp" "$file"
}
if [[ $corpus == bible ]]; then
  dump_module engKJV2006eb "$out/text/kjv.imp" sword-text-kjv
  dump_module spaRV1909eb "$out/text/sparv.imp" sword-text-sparv
  "$BIN/toolkit-parallel" bible --src "$out/text/kjv.imp" --tgt "$out/text/sparv.imp" --out-dir "$out/text" >&2
  numbering="$out/text/all.tsv"
else
  ((${#roots[@]})) || roots=(--root /usr/share/locale)
  "$BIN/toolkit-parallel" gettext --lang de "${roots[@]}" --out-dir "$out/text" >&2 || die "gettext harvest failed"
  numbering="$out/text/nat.tsv"
fi

# select SPLIT: "i<TAB>id<TAB>en<TAB>es" for the split's verses of at most MAX_WORDS words, then at most --limit of
# them, evenly spread (line k of n kept when floor(k*limit/n) steps).
select_split() {
  awk -F'\t' -v OFS='\t' -v max="$MAX_WORDS" -v corpus="$corpus" '
    NR == FNR { num[corpus == "gettext" ? $1 FS $2 : $1] = FNR; next }
    corpus == "gettext" {
      en = $2; gsub(/ +/, " ", en); id = $1; gsub(/[^A-Za-z0-9_.-]/, "_", id)
      id = sprintf("%s_%05d", id, num[$1 FS $2])
      if (split(en, w, " ") <= max) print num[$1 FS $2], id, en, $3
      next
    }
    { en = $2; gsub(/¶/, "", en); gsub(/\\\+?[a-z]+\*?/, "", en); gsub(/ +/, " ", en); gsub(/^ | $/, "", en) }
    split(en, w, " ") <= max {
      n = split($1, k, " "); id = k[1]; for (j = 2; j < n; j++) id = id "-" k[j]
      cv = k[n]; sub(":", "_", cv); print num[$1], id "_" cv, en, $3
    }' "$numbering" "$out/text/$1.tsv" |
  awk -v limit="$limit" '
    { line[NR] = $0 }
    END { for (k = 1; k <= NR; k++) if (limit == 0 || NR <= limit || int(k * limit / NR) != int((k - 1) * limit / NR)) print line[k] }'
}

# synth JOB: JOB is "i<TAB>id<TAB>en"; writes wav/<id>.wav and prints "id<TAB>n_frames<TAB>speaker".
synth() {
  local i id en rest voice rate pitch tmp
  IFS=$'\t' read -r i id en rest <<< "$1"
  voice=${VOICES[$((i % ${#VOICES[@]}))]}; rate=$((150 + (i * 37) % 60)); pitch=$((35 + (i * 53) % 40))
  tmp="$out/wav/.$id.$$"
  espeak-ng -v "$voice" -s "$rate" -p "$pitch" -w "$tmp.22k.wav" -- "$en" &&
    sox -R -D "$tmp.22k.wav" -r 16000 -b 16 -c 1 "$tmp.wav" gain -1 &&
    mv "$tmp.wav" "$out/wav/$id.wav" || { rm -f "$tmp.22k.wav" "$tmp.wav"; echo "synthesis failed for $id" >&2; return 1; }
  rm -f "$tmp.22k.wav"
  printf '%s\t%s\t%s_s%d_p%d\n' "$id" "$(soxi -s "$out/wav/$id.wav")" "$voice" "$rate" "$pitch"
}
export -f synth
export out
export VOICES_LIST="${VOICES[*]}"

header=$'id\taudio\tn_frames\tsrc_text\ttgt_text\tspeaker'
total=0
for split in train valid test; do
  select_split "$split" > "$out/text/.$split.sel"
  n=$(wc -l < "$out/text/.$split.sel")
  echo "$(basename "$0"): $split: synthesizing $n utterances with $jobs processes" >&2
  # bash cannot export arrays: each worker rebuilds VOICES from VOICES_LIST
  cut -f1-3 "$out/text/.$split.sel" |
    xargs -d '\n' -r -n 64 -P "$jobs" bash -c 'read -ra VOICES <<< "$VOICES_LIST"; for j; do synth "$j" || exit 255; done' _ \
    > "$out/text/.$split.frames" || die "synthesis failed for $split (see the messages above)"
  { echo "$header"
    awk -F'\t' -v OFS='\t' '
      NR == FNR { frames[$1] = $2; spk[$1] = $3; next }
      { print $2, "wav/" $2 ".wav", frames[$2], $3, $4, spk[$2] }' \
      "$out/text/.$split.frames" "$out/text/.$split.sel"
  } > "$out/.$split.tsv.tmp"
  mv "$out/.$split.tsv.tmp" "$out/$split.tsv"
  rm -f "$out/text/.$split.sel" "$out/text/.$split.frames"
  total=$((total + n))
done

hours=$(awk -F'\t' 'FNR > 1 { s += $3 } END { printf "%.1f", s / 16000 / 3600 }' "$out"/{train,valid,test}.tsv)
echo "$(basename "$0"): $total utterances, $hours h of audio, $(du -sh "$out/wav" | cut -f1) of WAV in $out" \
  "($((SECONDS - start)) s)"
((features)) || exit 0

# fairseq's prep_mustc_data.py on the raw manifests: features once, then manifests, vocabulary and config per task
synth_done=$SECONDS
"$BIN/toolkit-prep-s2t" --manifest-dir "$out" --task st,asr --vocab-type "$vocab_type" --vocab-size "$vocab_size" \
  --cmvn-type "$cmvn_type" --spm-threads 2 || die "feature preparation failed (see the messages above)"
echo "$(basename "$0"): features, manifests, vocabulary and config in $out ($((SECONDS - synth_done)) s;" \
  "$((SECONDS - start)) s in all)"
