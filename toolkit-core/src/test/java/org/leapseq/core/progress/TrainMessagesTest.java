// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainMessagesTest {
  @Test
  void linesAreWordedAsFairseqCliTrain() {
    assertEquals("num. shared model params: 1,234,567 (num. trained: 999)",
        TrainMessages.modelParams(1_234_567, 999));
    assertEquals("training on 1 devices (GPUs/TPUs)", TrainMessages.devices(1));
    assertEquals("max tokens per device = 2048 and max sentences per device = None",
        TrainMessages.batchLimits(2048, 0));
    assertEquals("end of epoch 3 (average epoch stats below)", TrainMessages.endOfEpoch(3));
    assertEquals("begin validation on \"valid\" subset", TrainMessages.beginValidation("valid"));
    assertEquals("valid on 'valid' subset", TrainMessages.validPrefix("valid"));
    assertEquals("done training in 12.3 seconds", TrainMessages.doneTraining(12.34));
  }

  @Test
  void validStatsAppendNumUpdatesAndTheBestValue() {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("loss", 4.2);
    v.put("ppl", 18.38);
    var first = TrainMessages.validStats(v, 242, "loss", Double.NaN, false);
    assertEquals(List.of("loss", "ppl", "num_updates"), List.copyOf(first.keySet()));
    var later = TrainMessages.validStats(v, 484, "loss", 4.5, false);
    assertEquals(List.of("loss", "ppl", "num_updates", "best_loss"), List.copyOf(later.keySet()));
    assertEquals(4.2, later.get("best_loss"));
    assertEquals(4.5, TrainMessages.validStats(v, 484, "loss", 4.5, true).get("best_loss"));
  }
}
