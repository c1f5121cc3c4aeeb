// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.Require;

/**
 * One utterance of a speech_to_text manifest: the required columns, and any others ({@code src_text},
 * {@code src_lang}, {@code tgt_lang}, ...) in {@code extra}, in column order. {@code audio} is kept as written;
 * {@link AudioPath#parse} resolves it.
 */
public record ManifestRow(String id, String audio, int nFrames, String tgtText, String speaker,
    Map<String, String> extra) {
  public ManifestRow {
    Require.that(id != null && audio != null && tgtText != null && speaker != null, "manifest fields must not be null");
    Require.that(nFrames >= 0, "n_frames must be >= 0, got %d", nFrames);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public ManifestRow(String id, String audio, int nFrames, String tgtText, String speaker) {
    this(id, audio, nFrames, tgtText, speaker, Map.of());
  }

  /** The {@code src_text} column, "" when absent (fairseq's default). */
  public String srcText() {
    return extra.getOrDefault(S2tManifest.SRC_TEXT, "");
  }
}
