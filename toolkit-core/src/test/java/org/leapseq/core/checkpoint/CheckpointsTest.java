// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.core.optim.OptimizerState;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointsTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsWeightsOptimizerAndMetadataApart() {
    INDArray w = GradCheck.rand(1, 3, 4);
    INDArray m = GradCheck.rand(2, 3, 4);
    Checkpoint c = new Checkpoint(Map.of("decoder.fc1.weight", w),
        new OptimizerState(Map.of("0.exp_avg", m), Map.of("lr_old", 0.25)),
        Map.of(Checkpoint.TRAINER_STATE, "{\"num_updates\":7}"));
    Path f = dir.resolve("checkpoint_last.safetensors");
    Checkpoints.write(f, c);
    Checkpoint r = Checkpoints.read(f);
    assertEquals(w, r.model().get("decoder.fc1.weight"));
    assertEquals(1, r.model().size());
    assertEquals(m, r.optimizer().tensors().get("0.exp_avg"));
    assertEquals(0.25, r.optimizer().scalars().get("lr_old"));
    assertEquals("{\"num_updates\":7}", r.meta(Checkpoint.TRAINER_STATE));
    assertEquals(Map.of(Checkpoint.TRAINER_STATE, "{\"num_updates\":7}"), r.metadata());
    // a PyTorch reader sees the weights by name and the marker in the metadata
    assertEquals("1", SafeTensors.read(f).metadata().get(Checkpoints.MARKER));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void plainWeightsFileReadsAsAWeightsOnlyCheckpoint() {
    Path f = dir.resolve("w.safetensors");
    SafeTensors.write(f, Map.of("a", GradCheck.rand(3, 2)), Map.of("format", "pt"));
    Checkpoint r = Checkpoints.read(f);
    assertTrue(r.optimizer().tensors().isEmpty());
    assertTrue(r.metadata().isEmpty());
    assertEquals(1, r.model().size());
  }
}
