// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.batching.NumpyRandom;

/**
 * The transforms config.yaml names for a split, built and applied in order (fairseq's
 * {@code CompositeAudioFeatureTransform}): {@code utterance_cmvn} (options from its section, both on by default),
 * {@code global_cmvn} (statistics read once from
 * {@code global_cmvn.stats_npz_path}) and {@code specaugment} (drawing from {@code rng}).
 */
public record FeatureTransforms(List<String> names, List<FeatureTransform> steps) implements FeatureTransform {
  public FeatureTransforms {
    names = List.copyOf(names);
    steps = List.copyOf(steps);
  }

  /** The transforms of {@code split}; {@code rng} feeds SpecAugment, the only random one. */
  public static FeatureTransforms of(S2tDataConfig config, String split, S2tDataConfig.Split kind, NumpyRandom rng) {
    List<String> names = config.transformsFor(split, kind);
    List<FeatureTransform> steps = new ArrayList<>();
    for (String name : names) {
      steps.add(switch (name) {
        case "utterance_cmvn" -> config.utteranceCmvn() == null ? UtteranceCmvn.DEFAULT
            : config.utteranceCmvn().transform();
        case "global_cmvn" -> GlobalCmvn.load(Path.of(config.globalCmvn().statsNpzPath()));
        case "specaugment" -> {
          SpecAugment s = new SpecAugment(config.specaugment());
          yield x -> s.apply(x, rng);
        }
        default -> throw new LeapseqException("unknown feature transform '" + name + "'");
      });
    }
    return new FeatureTransforms(names, steps);
  }

  @Override
  public double[][] apply(double[][] x) {
    double[][] y = x;
    for (FeatureTransform t : steps) {
      y = t.apply(y);
    }
    return y;
  }
}
