// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Registry;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.AttentionMechanisms;
import org.leapseq.models.modules.LeapformerMechanism;
import org.nd4j.linalg.api.buffer.DataType;

/** fairseq's {@code TransformerLanguageModel}: a {@link TransformerDecoder} named {@code decoder}. */
public final class TransformerLanguageModel extends Module implements LanguageModel, IncrementalDecoder {
  private final TransformerDecoder decoder;

  /** Builds the model with the given self-attention mechanism (the config's {@code attention} is not consulted). */
  public TransformerLanguageModel(TransformerLmConfig cfg, int vocab, int paddingIdx,
      AttentionMechanism.Factory mechanism, DataType type, Rng rng) {
    decoder = child("decoder", new TransformerDecoder(cfg, vocab, paddingIdx, mechanism, type, rng));
  }

  /**
   * Builds the model with the mechanism the config names ({@link TransformerLmConfig#attentionName()}), looked up
   * in {@code attentions}: {@code leapformer} gets fairseq's {@link LeapformerMechanism.Config} with the config's
   * {@code leapFactor}; any other mechanism its config record's no-argument defaults.
   */
  public static TransformerLanguageModel build(TransformerLmConfig cfg, int vocab, int paddingIdx,
      Registry<AttentionMechanism.Factory> attentions, DataType type, Rng rng) {
    String name = cfg.attentionName();
    Record mechanismConfig;
    if (name.equals(AttentionMechanisms.LEAPFORMER)) {
      LeapformerMechanism.Config d = new LeapformerMechanism.Config();
      mechanismConfig = new LeapformerMechanism.Config(cfg.leapFactor(), d.hiddenSize(), d.denominatorFloor(),
          d.causalForm(), d.chunk());
    } else {
      mechanismConfig = defaultConfig(name, attentions.configType(name));
    }
    return new TransformerLanguageModel(cfg, vocab, paddingIdx, attentions.create(name, mechanismConfig), type, rng);
  }

  private static Record defaultConfig(String name, Class<? extends Record> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
        | InvocationTargetException e) {
      throw new LeapseqException("attention '" + name + "' has no default config (" + type.getSimpleName()
          + "() is missing)", e);
    }
  }

  /** The decoder. */
  public TransformerDecoder decoder() {
    return decoder;
  }

  /** tokens: [B, T] row-major -> logits [B, T, V]; only without an adaptive softmax. */
  public Tensor forward(int[] tokens, int width) {
    return decoder.forward(tokens, width);
  }

  @Override
  public DecoderState emptyState(int batch) {
    return decoder.emptyState(batch);
  }

  @Override
  public TransformerDecoder.Decoded extend(DecoderState state, int[] tokens, int width) {
    return decoder.extend(state, tokens, width);
  }

  @Override
  public Tensor features(int[] tokens, int width) {
    return decoder.features(tokens, width);
  }

  @Override
  public Tensor logits(Tensor features) {
    return decoder.logits(features);
  }

  @Override
  public Optional<Tensor> outputWeight() {
    return decoder.outputWeight();
  }

  @Override
  public Optional<AdaptiveSoftmax> adaptiveSoftmax() {
    return decoder.adaptiveSoftmax();
  }

  @Override
  public int vocabSize() {
    return decoder.vocabSize();
  }

  @Override
  public int paddingIdx() {
    return decoder.paddingIdx();
  }
}
