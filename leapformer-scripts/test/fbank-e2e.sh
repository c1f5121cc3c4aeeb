#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end check of bin/toolkit-fbank and bin/toolkit-bench fbank on the committed espeak-ng WAV fixtures (no
# espeak-ng or sox needed): one float32 [T, 80] .npy per file with torchaudio's frame counts, exit codes of bad input.
# Ends with "N passed, M failed"; exits 1 on any failure.
source "$(dirname "$(readlink -f "$0")")/lib.sh"
audio="$REPO/toolkit-data/src/test/resources/audio"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

stems=(espeak-stdout-22k mono-16k-s16 mono-8k-s16 stereo-16k-s24 mono-16k-f32)
wavs=()
for s in "${stems[@]}"; do wavs+=("$audio/$s.wav"); done
"$BIN/toolkit-fbank" "${wavs[@]}" --out-dir "$work/fbank80" >"$work/log" 2>&1
check "toolkit-fbank on 5 WAVs (s16 22/16/8 kHz, stereo s24, float32) exits 0" test $? -eq 0
for s in "${stems[@]}"; do
  # same shape as torchaudio's reference, so the same .npy size (128-byte header + T * 80 * 4 bytes)
  check "  $s.npy has torchaudio's frame count" \
    test "$(stat -c %s "$work/fbank80/$s.npy")" -eq "$(stat -c %s "$audio/$s.fbank.npy")"
done
check "one log line per file" test "$(grep -c ' frames x 80 bins$' "$work/log")" -eq 5
check "no temporary files left" test "$(ls -A "$work/fbank80" | wc -l)" -eq 5

"$BIN/toolkit-fbank" "$audio/espeak-stdout-22k.wav" --out-dir "$work/r" --sample-rate 16000 --cmvn utterance >/dev/null 2>&1
check "--sample-rate 16000 --cmvn utterance exits 0" test $? -eq 0
check "  ... 99 -> 99 frames at 16 kHz (ceil(22238 * 16000 / 22050) = 16137 samples)" \
  test "$(stat -c %s "$work/r/espeak-stdout-22k.npy")" -eq $((128 + 99 * 80 * 4))

printf 'OggS\0\2 not really' >"$work/clip.ogg"
"$BIN/toolkit-fbank" "$work/clip.ogg" --out-dir "$work/o" >/dev/null 2>"$work/err"
check "Ogg input exits 1" test $? -eq 1
check "  ... with one line naming the file and the sox command" \
  grep -qxF "toolkit-fbank: error: $work/clip.ogg: Ogg audio, expected a RIFF/WAVE file; convert it first, e.g. sox in.ogg -r 16000 -c 1 out.wav" "$work/err"
"$BIN/toolkit-fbank" "$audio/mono-8k-s16.wav" --out-dir "$work/o" --num-mel-bins x >/dev/null 2>&1
check "bad flag exits 2" test $? -eq 2
(cd / && "$BIN/toolkit-fbank" --help >/dev/null)
check "launcher works from another directory" test $? -eq 0

"$BIN/toolkit-bench" fbank "$audio" --repeats 1 >"$work/bench" 2>&1
check "toolkit-bench fbank on the fixtures exits 0" test $? -eq 0
check "  ... and reports a real-time factor" grep -q '"rtf_per_core"' "$work/bench"

report
