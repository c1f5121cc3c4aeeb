// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import static org.leapseq.models.attention.ops.Fixtures.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.models.attention.Denominator;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.LeapformerCore;
import org.leapseq.models.attention.Linear;
import org.leapseq.models.attention.ProportionMlp;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Tensor LeaPformer feature map and MLP against {@link LeapformerCore} and finite differences (float64). */
class LeapFeatureMapTest {
  static final double TOL = 1e-10;
  static final int D = 8;
  /** Batch 2, 2 heads: element 1 has its last two keys padded. */
  static final KeyPadding PAD = KeyPadding.fromPad(new boolean[][] {
      {false, false, false, false, false, false}, {false, false, false, false, true, true}});

  private final Fixtures fx = new Fixtures(31);
  private final LeapformerCore core = new LeapformerCore(fx.leap(D, 4), fx.leap(D, 4), Denominator.clampMin(0.1));
  private final LeapFeatureMap map = new LeapFeatureMap(
      LeapMlp.paramsOf(core.queryLeap()), LeapMlp.paramsOf(core.keyLeap()));
  private final INDArray q = fx.normal(4, 6, D);
  private final INDArray k = fx.normal(4, 6, D);
  private final INDArray v = fx.normal(4, 6, D);

  @Test
  void featuresMatchCore() {
    assertClose(core.queryFeatures(q), map.queries(Tensor.constant(q)).value(), TOL, "queries");
    assertClose(core.keyFeatures(k, PAD), map.keys(Tensor.constant(k), PAD).value(), TOL, "keys");
    assertClose(core.keyFeatures(k, KeyPadding.NONE), map.keys(Tensor.constant(k), KeyPadding.NONE).value(), TOL,
        "unpadded keys");
  }

  @Test
  void attentionMatchesCore() {
    LinearAttentionOp op = new LinearAttentionOp(Denominator.clampMin(0.1));
    Tensor fq = map.queries(Tensor.constant(q));
    assertClose(core.attend(q, k, v, PAD), op.nonCausal(fq, map.keys(Tensor.constant(k), PAD),
        Tensor.constant(v)).value(), TOL, "non-causal padded");
    Tensor fk = map.keys(Tensor.constant(k), KeyPadding.NONE);
    INDArray causal = core.causalQuadratic(q, k, v);
    assertClose(causal, op.causalChunked(fq, fk, Tensor.constant(v), 4).value(), TOL, "causal chunked");
    assertClose(causal, op.causalQuadratic(fq, fk, Tensor.constant(v)).value(), TOL, "causal quadratic");
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    int d = 4;
    ProportionMlp qLeap = fx.leap(d, 2);
    ProportionMlp kLeap = fx.leap(d, 2);
    INDArray qs = fx.normal(4, 3, d);
    INDArray ks = fx.normal(4, 3, d);
    INDArray vs = fx.normal(4, 3, 2);
    KeyPadding pad = KeyPadding.fromPad(new boolean[][] {{false, false, false}, {false, false, true}});
    LinearAttentionOp op = new LinearAttentionOp(Denominator.clampMin(0.1));
    INDArray[] inputs = {qs, ks, vs, null, null, null, null, null, null, null, null};
    int i = 3;
    for (ProportionMlp mlp : new ProportionMlp[] {qLeap, kLeap}) {
      for (Linear layer : mlp.layers()) {
        inputs[i++] = layer.weight();
        inputs[i++] = layer.bias();
      }
    }
    GradCheck.checkProjected(ts -> {
      LeapFeatureMap m = new LeapFeatureMap(new LeapMlp(List.of(ts[3], ts[5]), List.of(ts[4], ts[6])),
          new LeapMlp(List.of(ts[7], ts[9]), List.of(ts[8], ts[10])));
      return op.nonCausal(m.queries(ts[0]), m.keys(ts[1], pad), ts[2]);
    }, inputs);
  }

  @Test
  void paramsOfCopiesTheMlp() {
    ProportionMlp mlp = core.queryLeap();
    LeapMlp lifted = LeapMlp.paramsOf(mlp);
    INDArray x = fx.features(4, 6, D);
    assertClose(mlp.apply(x), lifted.apply(Tensor.constant(x)).value(), TOL, "p");
  }
}
