// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir Path dir;

  @Test
  void commitReplacesTheTarget() throws IOException {
    Path f = dir.resolve("dict.txt");
    Files.writeString(f, "old");
    try (AtomicOutput out = AtomicOutput.create(f)) {
      out.stream().write(new byte[] {'n', 'e', 'w'});
      assertEquals("old", Files.readString(f));
      out.commit();
    }
    assertArrayEquals("new".getBytes(), Files.readAllBytes(f));
    assertEquals(List.of(f), list());
  }

  @Test
  void closeWithoutCommitLeavesNothing() throws IOException {
    Path f = dir.resolve("train.bin");
    try (AtomicOutput out = AtomicOutput.create(f)) {
      out.stream().write(new byte[1000]);
    }
    assertFalse(Files.exists(f));
    assertEquals(List.of(), list());
  }

  @Test
  void unwritableDirectoryIsAOneLineError() {
    Path f = dir.resolve("missing").resolve("x.bin");
    LeapseqException e = assertThrows(LeapseqException.class, () -> AtomicOutput.create(f));
    assertTrue(e.getMessage().startsWith(f + ": cannot write: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
