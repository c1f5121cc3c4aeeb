// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import org.leapseq.core.Require;

/**
 * One utterance to prepare for speech_to_text: samples {@code [start, start + frames)} of a WAV file
 * ({@code frames} -1: the whole file from {@code start}), its source transcript, its target text and its speaker.
 */
public record SpeechSegment(String id, Path wav, long start, long frames, String srcText, String tgtText,
    String speaker) {
  public SpeechSegment {
    Require.that(id != null && !id.isEmpty(), "utterance id must not be empty");
    Require.that(wav != null && srcText != null && tgtText != null && speaker != null,
        "utterance %s: fields must not be null", id);
    Require.that(start >= 0 && frames >= -1, "utterance %s: bad sample range %d+%d", id, start, frames);
  }

  /** The whole of {@code wav}. */
  public static SpeechSegment whole(String id, Path wav, String srcText, String tgtText, String speaker) {
    return new SpeechSegment(id, wav, 0, -1, srcText, tgtText, speaker);
  }
}
