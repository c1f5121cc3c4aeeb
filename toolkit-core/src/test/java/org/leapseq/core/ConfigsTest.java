// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigsTest {
  /** A model config with a default and two presets derived from each other, as archs are. */
  record DecoderConfig(int decoderEmbedDim, int decoderLayers, double dropout, String activationFn, List<Integer> cutoff) {
    DecoderConfig {
      Require.that(decoderEmbedDim > 0, "--decoder-embed-dim must be positive, got %d", decoderEmbedDim);
      cutoff = List.copyOf(cutoff);
    }

    static DecoderConfig modelDefault() {
      return new DecoderConfig(512, 6, 0.1, "relu", List.of());
    }

    static DecoderConfig big(DecoderConfig base) {
      return new DecoderConfig(1024, base.decoderLayers(), 0.3, base.activationFn(), base.cutoff());
    }
  }

  @Test
  void explicitFlagBeatsPresetBeatsModelDefault() {
    DecoderConfig preset = DecoderConfig.big(DecoderConfig.modelDefault());
    DecoderConfig resolved = Configs.withOverrides(preset, Map.of("--dropout", 0.2, "decoder_layers", 12));
    assertEquals(new DecoderConfig(1024, 12, 0.2, "relu", List.of()), resolved);
  }

  @Test
  void roundTripsThroughJsonWithFairseqNames() {
    DecoderConfig c = new DecoderConfig(64, 2, 0.0, "gelu", List.of(20000, 60000));
    String json = Configs.toJson(c);
    assertTrue(json.contains("\"decoder_embed_dim\":64"), json);
    assertEquals(c, Configs.fromJson(json, DecoderConfig.class));
  }

  @Test
  void validationRunsOnOverrides() {
    LeapseqException e =
        assertThrows(
            LeapseqException.class,
            () -> Configs.withOverrides(DecoderConfig.modelDefault(), Map.of("--decoder-embed-dim", -1)));
    assertEquals("--decoder-embed-dim must be positive, got -1", e.getMessage());
  }

  @Test
  void unknownFlagIsNamed() {
    LeapseqException e =
        assertThrows(
            LeapseqException.class,
            () -> Configs.withOverrides(DecoderConfig.modelDefault(), Map.of("--decoder-emebd-dim", 4)));
    assertEquals("unknown option --decoder-emebd-dim for DecoderConfig", e.getMessage());
  }

  @Test
  void unknownJsonFieldIsRefused() {
    assertThrows(
        LeapseqException.class,
        () ->
            Configs.fromJson(
                "{\"decoder_embed_dim\":1,\"decoder_layers\":1,\"dropout\":0,\"activation_fn\":\"relu\",\"cutoff\":[],\"x\":1}",
                DecoderConfig.class));
  }
}
