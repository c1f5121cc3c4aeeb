// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every truncation and a few thousand seeded byte flips of real data.pkl files either load or fail with the reader's
 * own errors: no other exception, no stack overflow, no hang.
 */
class MutatedPicklesTest {
  private static final int FLIPS = 1500;

  /** The data.pkl bytes of a fixture, and its storages by key. */
  private record Archive(byte[] pickle, Map<String, ByteBuffer> storages) {}

  private static Archive archive(String fixture) throws IOException {
    try (ZipFile zip = new ZipFile(Fixtures.file(fixture).toFile())) {
      String prefix = fixture.substring(0, fixture.length() - ".pt".length()) + "/";
      byte[] pickle = zip.getInputStream(zip.getEntry(prefix + "data.pkl")).readAllBytes();
      Map<String, ByteBuffer> storages = new HashMap<>();
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.getName().startsWith(prefix + "data/")) {
          byte[] b = zip.getInputStream(e).readAllBytes();
          storages.put(e.getName().substring((prefix + "data/").length()),
              ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        }
      }
      return new Archive(pickle, storages);
    }
  }

  private static void loadOrFailCleanly(Archive a, byte[] pickle) {
    try {
      new Freezer().freeze(new Unpickler(pickle, key -> {
        ByteBuffer b = a.storages().get(key);
        if (b == null) {
          throw new PickleError("no storage %s", key);
        }
        return b;
      }).load());
    } catch (PickleError | RefusedGlobal | RefusedDtype expected) {
      assertTrue(!expected.getMessage().isEmpty());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fairseq_args.pt", "fairseq_cfg.pt", "fairseq_args_p4.pt", "fairseq_numpy.pt",
      "fairseq_numpy_p4.pt", "fairseq_numpy_p5.pt"})
  void truncationsFailCleanly(String fixture) throws IOException {
    Archive a = archive(fixture);
    for (int n = 0; n < a.pickle().length; n++) {
      loadOrFailCleanly(a, Arrays.copyOf(a.pickle(), n));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fairseq_args.pt", "fairseq_cfg.pt", "fairseq_args_p4.pt", "fairseq_numpy.pt",
      "fairseq_numpy_p4.pt", "fairseq_numpy_p5.pt"})
  void byteFlipsFailCleanly(String fixture) throws IOException {
    Archive a = archive(fixture);
    Random rng = new Random(fixture.hashCode());
    for (int i = 0; i < FLIPS; i++) {
      byte[] p = a.pickle().clone();
      for (int k = 1 + rng.nextInt(3); k > 0; k--) {
        p[rng.nextInt(p.length)] = (byte) rng.nextInt(256);
      }
      loadOrFailCleanly(a, p);
    }
  }
}
