// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * fairseq's dictionary for a SentencePiece model, as {@code examples/speech_to_text/data_utils.py::gen_vocab}
 * writes it: every piece in id order except {@code <unk> <s> </s> <pad>}, one {@code "<piece> 1"} line each. With
 * the ids gen_vocab trains with ({@code bos=0 pad=1 eos=2 unk=3}) fairseq's index of a piece equals its
 * SentencePiece id, which this class checks, like gen_vocab's assert.
 */
public final class FairseqSpmVocab {
  /** The special pieces and the ids fairseq needs them at. */
  static final Map<String, Integer> SPECIALS = Map.of("<s>", 0, "<pad>", 1, "</s>", 2, "<unk>", 3);

  private FairseqSpmVocab() {}

  /**
   * Reads {@code vocabFile} (spm_train's {@code <prefix>.vocab}: {@code piece<TAB>score} per line, in id order) and
   * atomically writes the fairseq dictionary to {@code out}; returns the number of lines written.
   *
   * @throws LeapseqException naming the file when it is unreadable, malformed, or has the specials at other ids
   */
  public static int write(Path vocabFile, Path out) {
    List<String> pieces = readPieces(vocabFile);
    checkSpecials(vocabFile, pieces);
    int n = 0;
    try (AtomicOutput o = AtomicOutput.create(out)) {
      for (String piece : pieces) {
        if (!SPECIALS.containsKey(piece)) {
          o.stream().write((piece + " 1\n").getBytes(StandardCharsets.UTF_8));
          n++;
        }
      }
      o.commit();
    } catch (IOException e) {
      throw new LeapseqException(out + ": cannot write: " + IoErrors.describe(e), e);
    }
    return n;
  }

  /**
   * Checks that {@code dictTxt} is the fairseq dictionary of {@code model}: line {@code k} (from 0) names the piece
   * with SentencePiece id {@code k + 4}. A dictionary written for another model is a one-line error naming both
   * files and the first line that disagrees. (The JNI binding does not expose the model's size, so a dictionary
   * cut short is not detected.)
   */
  public static void verify(SentencePieceModel model, Path dictTxt) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dictTxt, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new LeapseqException(dictTxt + ": not valid UTF-8 (expected a fairseq dictionary)", e);
    } catch (IOException e) {
      throw new LeapseqException(dictTxt + ": cannot read: " + IoErrors.describe(e), e);
    }
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      int sp = line.lastIndexOf(' ');
      String piece = sp < 0 ? line : line.substring(0, sp);
      int id = model.pieceToId(piece);
      if (id != k + SPECIALS.size() || !model.idToPiece(id).equals(piece)) {
        throw LeapseqException.of("%s:%d: piece '%s' has id %d in %s, expected %d (dictionary and model do not match)",
            dictTxt, k + 1, piece, id, model.path(), k + SPECIALS.size());
      }
    }
  }

  /** The pieces of a {@code .vocab} file in id order. */
  static List<String> readPieces(Path vocabFile) {
    List<String> pieces = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(vocabFile, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw LeapseqException.of("%s:%d: expected 'piece<TAB>score' (a spm_train .vocab file), got '%s'",
              vocabFile, pieces.size() + 1, line);
        }
        pieces.add(line.substring(0, tab));
      }
    } catch (CharacterCodingException e) {
      throw new LeapseqException(vocabFile + ": not valid UTF-8 (expected a spm_train .vocab file)", e);
    } catch (IOException e) {
      throw new LeapseqException(vocabFile + ": cannot read: " + IoErrors.describe(e), e);
    }
    return pieces;
  }

  private static void checkSpecials(Path vocabFile, List<String> pieces) {
    for (Map.Entry<String, Integer> e : SPECIALS.entrySet()) {
      int id = pieces.indexOf(e.getKey());
      if (id != e.getValue()) {
        throw LeapseqException.of(
            "%s: %s is at id %d, fairseq needs it at %d (train with --bos_id=0 --pad_id=1 --eos_id=2 --unk_id=3)",
            vocabFile, e.getKey(), id, e.getValue());
      }
    }
  }
}
