#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Provenance of expected.tsv, the golden encodings SentencePieceModelTest checks the Java (JNI) encoder against.

Written once on the development machine with Python's sentencepiece 0.2.2 (pip wheel), not run in CI.
The models were trained with Debian's spm_train 0.1.97 on corpus.txt (the first 200 verses of Genesis, KJV and
Reina-Valera 1909 interleaved, public domain), with the flags SpmTrainer adds by default:
  spm_train --input=corpus.txt --model_prefix=unigram --model_type=unigram --vocab_size=300 --num_threads=1 \
    --character_coverage=1.0 --bos_id=0 --pad_id=1 --eos_id=2 --unk_id=3
  spm_train --input=corpus.txt --model_prefix=bpe --model_type=bpe --vocab_size=300 --num_threads=1 \
    --normalization_rule_name=identity --character_coverage=1.0 --bos_id=0 --pad_id=1 --eos_id=2 --unk_id=3
sentences.txt: six verses (KJV and RV1909) not in corpus.txt, plus one line with digits, Spanish punctuation,
an out-of-vocabulary letter, an NFKC ligature, a double space and a tab.
Output: one line per (model, sentence): model, sentence, pieces (space-joined), ids, DecodeIds(ids); tab-separated,
with a backslash written as two and a tab inside a column as backslash-t.
Usage: python3 make_expected.py > expected.tsv
"""
import sentencepiece as spm

for model in ("unigram", "bpe"):
    sp = spm.SentencePieceProcessor(model_file=f"{model}.model")
    with open("sentences.txt", encoding="utf-8") as f:
        for line in f:
            s = line.rstrip("\n")
            pieces = sp.EncodeAsPieces(s)
            ids = sp.EncodeAsIds(s)
            cols = [model, s, " ".join(pieces), " ".join(map(str, ids)), sp.DecodeIds(ids)]
            print("\t".join(c.replace("\\", "\\\\").replace("\t", "\\t") for c in cols))
