// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * The {@code config_<task>.yaml} fairseq's {@code gen_config_yaml} writes for prep_mustc_data.py: exactly its
 * keys, sorted as {@code yaml.dump} sorts them. {@code vocab_filename} is the dictionary's file name,
 * {@code bpe_tokenizer.sentencepiece_model} and {@code global_cmvn.stats_npz_path} are absolute, SpecAugment is
 * policy "lb", and {@code transforms} are {@code _train: [<cmvn>, specaugment]} and {@code '*': [<cmvn>]}.
 */
final class S2tConfigYaml {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private S2tConfigYaml() {}

  /** The document as a sorted map; {@code gcmvnNpz} is used only with global CMVN. */
  static Map<String, Object> of(Path spmModel, CmvnType cmvn, Path gcmvnNpz) {
    String model = spmModel.toAbsolutePath().normalize().toString();
    String name = spmModel.getFileName().toString();
    Map<String, Object> c = new TreeMap<>();
    c.put("vocab_filename", name.substring(0, name.length() - ".model".length()) + ".txt");
    c.put("input_channels", 1);
    c.put("input_feat_per_channel", 80);
    c.put("specaugment", specaugment(SpecAugmentConfig.lb()));
    c.put("bpe_tokenizer", new TreeMap<>(Map.of("bpe", "sentencepiece", "sentencepiece_model", model)));
    c.put("transforms", new TreeMap<>(Map.of("_train", List.of(cmvn.transform(), "specaugment"),
        "*", List.of(cmvn.transform()))));
    if (cmvn == CmvnType.GLOBAL) {
      c.put("global_cmvn", Map.of("stats_npz_path", gcmvnNpz.toAbsolutePath().normalize().toString()));
    }
    return c;
  }

  /** The writer's specaugment section: {@code time_wrap_W} (sic) and the masks. */
  private static Map<String, Object> specaugment(SpecAugmentConfig p) {
    Map<String, Object> s = new TreeMap<>();
    s.put("time_wrap_W", p.timeWrapW());
    s.put("freq_mask_N", p.freqMaskN());
    s.put("freq_mask_F", p.freqMaskF());
    s.put("time_mask_N", p.timeMaskN());
    s.put("time_mask_T", p.timeMaskT());
    s.put("time_mask_p", p.timeMaskP());
    return s;
  }

  static String toYaml(Map<String, Object> config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the speech config", e);
    }
  }

  /** Writes {@code file} atomically. */
  static void write(Path file, Map<String, Object> config) {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      out.stream().write(toYaml(config).getBytes(StandardCharsets.UTF_8));
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e), e);
    }
  }
}
