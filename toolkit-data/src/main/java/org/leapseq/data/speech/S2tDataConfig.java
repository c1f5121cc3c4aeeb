// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.Configs;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * fairseq's speech_to_text {@code config.yaml} ({@code S2TDataConfig}), with its snake_case key names. Absent
 * scalars take fairseq's defaults here, once; absent sections ({@code bpe_tokenizer}, {@code global_cmvn},
 * {@code specaugment}) stay null and are not written. Keys this record does not model are ignored on read, as
 * fairseq ignores keys it does not use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record S2tDataConfig(
    String vocabFilename,
    Integer inputFeatPerChannel,
    Integer inputChannels,
    BpeTokenizer bpeTokenizer,
    Map<String, Object> preTokenizer,
    GlobalCmvnStats globalCmvn,
    UtteranceCmvnOptions utteranceCmvn,
    Map<String, List<String>> transforms,
    SpecAugmentConfig specaugment,
    Boolean useAudioInput,
    Integer useSampleRate,
    Double samplingAlpha,
    Boolean prependTgtLangTag,
    String audioRoot,
    Boolean shuffle) {

  /** {@code bpe_tokenizer}: {@code {bpe: sentencepiece, sentencepiece_model: /abs/spm.model}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BpeTokenizer(String bpe, String sentencepieceModel) {}

  /** {@code global_cmvn}: {@code {stats_npz_path: /abs/gcmvn.npz}}. */
  public record GlobalCmvnStats(String statsNpzPath) {
    public GlobalCmvnStats {
      Require.that(statsNpzPath != null && !statsNpzPath.isEmpty(), "global_cmvn needs stats_npz_path");
    }
  }

  /** {@code utterance_cmvn}: {@code {norm_means: true, norm_vars: true}}, each true when absent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UtteranceCmvnOptions(Boolean normMeans, Boolean normVars) {
    public UtteranceCmvn transform() {
      return new UtteranceCmvn(normMeans == null || normMeans, normVars == null || normVars);
    }
  }

  public S2tDataConfig {
    vocabFilename = vocabFilename == null ? "dict.txt" : vocabFilename;
    inputFeatPerChannel = inputFeatPerChannel == null ? 80 : inputFeatPerChannel;
    inputChannels = inputChannels == null ? 1 : inputChannels;
    transforms = transforms == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(transforms));
    useAudioInput = useAudioInput != null && useAudioInput;
    useSampleRate = useSampleRate == null ? 16000 : useSampleRate;
    samplingAlpha = samplingAlpha == null ? 1.0 : samplingAlpha;
    prependTgtLangTag = prependTgtLangTag != null && prependTgtLangTag;
    audioRoot = audioRoot == null ? "" : audioRoot;
    shuffle = shuffle != null && shuffle;
    Require.that(inputFeatPerChannel > 0 && inputChannels > 0,
        "input_feat_per_channel and input_channels must be > 0");
    for (String t : transforms.values().stream().flatMap(List::stream).toList()) {
      Require.that(t.equals("utterance_cmvn") || t.equals("global_cmvn") || t.equals("specaugment"),
          "unknown feature transform '%s'; known: utterance_cmvn, global_cmvn, specaugment", t);
      Require.that(!t.equals("global_cmvn") || globalCmvn != null, "transform global_cmvn needs a global_cmvn section"
          + " with stats_npz_path");
      Require.that(!t.equals("specaugment") || specaugment != null,
          "transform specaugment needs a specaugment section");
    }
  }

  /**
   * The transform names for a split, looked up like fairseq's {@code get_feature_transforms}: the split's own key,
   * else {@code _train} / {@code _eval}, else {@code *}, else none.
   */
  public List<String> transformsFor(String split, Split kind) {
    List<String> t = transforms.get(split);
    if (t == null) {
      t = transforms.get(kind == Split.TRAIN ? "_train" : "_eval");
    }
    if (t == null) {
      t = transforms.get("*");
    }
    return t == null ? List.of() : List.copyOf(t);
  }

  /** Whether a split is trained on (fairseq's {@code is_train_split}). */
  public enum Split { TRAIN, EVAL }

  /** Reads {@code file}; a YAML or validation error is one line naming it. */
  public static S2tDataConfig read(Path file) {
    try {
      return Configs.yaml().readValue(Files.readString(file), S2tDataConfig.class);
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = root instanceof LeapseqException ? root.getMessage() : e.getOriginalMessage();
      throw new LeapseqException(file + ": bad speech_to_text config: " + why.lines().findFirst().orElse(why), e);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /** The YAML text. */
  public String toYaml() {
    try {
      return Configs.yaml().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the speech config", e);
    }
  }

  /** Writes {@code file} atomically. */
  public void write(Path file) {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      out.stream().write(toYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e), e);
    }
  }
}
