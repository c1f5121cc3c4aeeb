// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import ai.djl.engine.EngineException;
import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * A loaded SentencePiece model ({@code .model}, the serialized {@code ModelProto}), encoding and decoding with the
 * official C++ implementation through JNI, so pieces and ids match Python's {@code sentencepiece} for the same
 * model. Holds native memory: use try-with-resources.
 *
 * <pre>{@code
 * try (SentencePieceModel spm = SentencePieceModel.load(Path.of("spm_unigram1000_st.model"))) {
 *   List<String> pieces = spm.encodeAsPieces("In the beginning");   // [▁In, ▁the, ▁beginning]
 * }
 * }</pre>
 *
 * <p>The native library is unpacked from the jar once into DJL's cache directory ({@code ~/.djl.ai}, or
 * {@code $DJL_CACHE_DIR} / {@code -DENGINE_CACHE_DIR=...}); nothing is downloaded.
 */
public final class SentencePieceModel implements AutoCloseable {
  private static final String EXPECTED = "a SentencePiece .model file written by spm_train";

  private final Path path;
  private final SpTokenizer tokenizer;
  private final SpProcessor processor;

  private SentencePieceModel(Path path, SpTokenizer tokenizer) {
    this.path = path;
    this.tokenizer = tokenizer;
    this.processor = tokenizer.getProcessor();
  }

  /**
   * Loads {@code model}; a missing, unreadable or malformed file is a one-line error naming it.
   *
   * @throws LeapseqException when the file is not a SentencePiece model, or the native library cannot load
   */
  public static SentencePieceModel load(Path model) {
    if (!Files.isRegularFile(model)) {
      throw LeapseqException.of("%s: no such file (expected %s)", model, EXPECTED);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(model);
    } catch (IOException e) {
      throw new LeapseqException(model + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (bytes.length == 0) {
      throw LeapseqException.of("%s: empty file (expected %s)", model, EXPECTED);
    }
    SpTokenizer tok;
    try {
      tok = new SpTokenizer(bytes);
    } catch (EngineException e) { // the native parser refused the bytes
      throw new LeapseqException(model + ": not a SentencePiece model (expected " + EXPECTED + "): "
          + oneLine(e.getMessage()), e);
    } catch (RuntimeException | LinkageError e) { // unpacking or loading the native library failed
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new LeapseqException("cannot load the SentencePiece JNI library for " + model + " ("
          + oneLine(e.getMessage()) + ": " + oneLine(String.valueOf(cause)) + "); it is unpacked into ~/.djl.ai,"
          + " set DJL_CACHE_DIR to a writable directory", e);
    }
    SentencePieceModel m = new SentencePieceModel(model, tok);
    m.checkUsable();
    return m;
  }

  /** The file this model was loaded from. */
  public Path path() {
    return path;
  }

  /** {@code sp.EncodeAsPieces(text)}. */
  public List<String> encodeAsPieces(String text) {
    return List.of(processor.tokenize(text));
  }

  /** {@code sp.EncodeAsIds(text)}. */
  public int[] encodeAsIds(String text) {
    return processor.encode(text);
  }

  /** {@code sp.DecodePieces(pieces)}. */
  public String decodePieces(List<String> pieces) {
    return processor.buildSentence(pieces.toArray(String[]::new));
  }

  /** {@code sp.DecodeIds(ids)}; an id outside the vocabulary is a one-line error naming the model. */
  public String decodeIds(int[] ids) {
    try {
      return processor.decode(ids);
    } catch (RuntimeException e) {
      throw new LeapseqException(path + ": cannot decode ids " + Arrays.toString(ids) + ": " + oneLine(e.getMessage()), e);
    }
  }

  /** {@code sp.IdToPiece(id)}. */
  public String idToPiece(int id) {
    return processor.getToken(id);
  }

  /** {@code sp.PieceToId(piece)}; the unknown id for a piece not in the vocabulary. */
  public int pieceToId(String piece) {
    return processor.getId(piece);
  }

  private void checkUsable() {
    try {
      processor.encode("a");
    } catch (RuntimeException e) {
      close();
      throw new LeapseqException(path + ": not a usable SentencePiece model (expected " + EXPECTED + "): "
          + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
