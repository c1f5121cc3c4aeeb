// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.io.SafeTensorFile;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.core.tensor.NoGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModulesTest {
  private static final INDArray IDS = Nd4j.createFromArray(new int[][] {{2, 1, 6}, {0, 3, 3}});

  @Test
  void saveThenLoadReproducesTheModel(@TempDir Path dir) throws IOException {
    TinyLm a = new TinyLm(DataType.FLOAT, new Rng(1));
    TinyLm b = new TinyLm(DataType.FLOAT, new Rng(2));
    Path file = dir.resolve("model.safetensors");
    Modules.save(a, file);
    Modules.load(b, file);
    try (NoGrad ng = NoGrad.enter()) {
      assertEquals(a.forward(IDS).value(), b.forward(IDS).value());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void fileHoldsEveryStateDictNameWithPtMetadata(@TempDir Path dir) {
    TinyLm a = new TinyLm(DataType.FLOAT, new Rng(1));
    Path file = dir.resolve("model.safetensors");
    Modules.save(a, file);
    SafeTensorFile f = SafeTensors.read(file);
    assertEquals(Map.of("format", "pt"), f.metadata());
    assertEquals(a.stateDict().keySet(), f.tensors().keySet());
    assertEquals(a.embedTokens.weight().value(), f.get("output_projection.weight"));
    assertEquals(3.0, f.get("version").getDouble(0), 0);
  }

  @Test
  void loadErrorNamesTheFile(@TempDir Path dir) {
    Path file = dir.resolve("lin.safetensors");
    Modules.save(new Linear(3, 2, Linear.Bias.WITHOUT, DataType.FLOAT, new Rng(1)), file);
    Linear withBias = new Linear(3, 2, Linear.Bias.WITH, DataType.FLOAT, new Rng(1));
    LeapseqException e = assertThrows(LeapseqException.class, () -> Modules.load(withBias, file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("missing [bias]"), e.getMessage());
  }
}
