// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.leapseq.core.Registry;
import org.leapseq.core.metrics.Metrics;

/** Registers this package's criterions under fairseq's names, for the composition root to call. */
public final class Criterions {
  private Criterions() {}

  /** {@code cross_entropy}, {@code label_smoothed_cross_entropy}. */
  public static void registerAll(Registry<Criterion> r) {
    r.register("cross_entropy", CrossEntropyCriterionConfig.class, CrossEntropyCriterion::new);
    r.register("label_smoothed_cross_entropy", LabelSmoothedCrossEntropyCriterionConfig.class,
        LabelSmoothedCrossEntropyCriterion::new);
  }

  /** What {@code criterion}'s metrics read for one set of summed logging outputs, in fairseq's report order. */
  static Map<String, Double> reduceWith(Criterion criterion, Map<String, Double> summed) {
    Metrics metrics = new Metrics();
    try (Metrics.Scope s = metrics.aggregateNewRoot()) {
      criterion.reduceMetrics(summed, metrics);
      return s.meters().smoothedValues();
    }
  }

  /** Python's {@code round(v, 3)}. */
  static double round3(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }
}
