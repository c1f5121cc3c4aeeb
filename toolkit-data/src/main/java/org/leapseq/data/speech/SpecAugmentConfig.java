// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.leapseq.core.Require;

/**
 * The {@code specaugment} section of config.yaml with fairseq's key names. {@code maskValue} null means "the
 * utterance's mean", fairseq's default when the key is absent. fairseq's config writer emits the misspelt key
 * {@code time_wrap_W} while the transform reads {@code time_warp_W}; both are kept so a file round-trips, and only
 * {@code time_warp_W} has an effect, as in fairseq.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpecAugmentConfig(
    @JsonProperty("time_warp_W") Integer timeWarpW,
    @JsonProperty("time_wrap_W") Integer timeWrapW,
    @JsonProperty("freq_mask_N") int freqMaskN,
    @JsonProperty("freq_mask_F") int freqMaskF,
    @JsonProperty("time_mask_N") int timeMaskN,
    @JsonProperty("time_mask_T") int timeMaskT,
    @JsonProperty("time_mask_p") double timeMaskP,
    @JsonProperty("mask_value") Double maskValue) {
  public SpecAugmentConfig {
    Require.that(freqMaskN >= 0 && timeMaskN >= 0, "freq_mask_N and time_mask_N must be >= 0");
    Require.that(freqMaskN == 0 || freqMaskF > 0, "freq_mask_F (%d) must be larger than 0 when doing freq masking.",
        freqMaskF);
    Require.that(timeMaskN == 0 || timeMaskT > 0, "time_mask_T (%d) must be larger than 0 when doing time masking.",
        timeMaskT);
    Require.that(timeWarpW == null || timeWarpW >= 0, "time_warp_W must be >= 0, got %s", timeWarpW);
  }

  /** The warp width that takes effect ({@code time_warp_W}, 0 when absent). */
  public int effectiveTimeWarpW() {
    return timeWarpW == null ? 0 : timeWarpW;
  }

  /** A policy as fairseq's {@code S2TDataConfigWriter} writes it (with {@code time_wrap_W: 0}). */
  public static SpecAugmentConfig policy(int freqN, int freqF, int timeN, int timeT, double timeP) {
    return new SpecAugmentConfig(null, 0, freqN, freqF, timeN, timeT, timeP, null);
  }

  /** {@code --specaugment-policy lb}: LibriSpeech basic. */
  public static SpecAugmentConfig lb() {
    return policy(1, 27, 1, 100, 1.0);
  }

  /** {@code ld}: LibriSpeech double. */
  public static SpecAugmentConfig ld() {
    return policy(2, 27, 2, 100, 1.0);
  }

  /** {@code sm}: Switchboard mild. */
  public static SpecAugmentConfig sm() {
    return policy(2, 15, 2, 70, 0.2);
  }

  /** {@code ss}: Switchboard strong. */
  public static SpecAugmentConfig ss() {
    return policy(2, 27, 2, 70, 0.2);
  }
}
