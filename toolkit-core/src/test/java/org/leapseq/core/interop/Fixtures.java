// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoints written by leapformer-scripts/test/fixtures/make_torch_fixtures.py, and hand-made archives with
 * torch.save's layout for the malformed cases.
 */
final class Fixtures {
  private Fixtures() {}

  /** The committed fixture {@code name} under src/test/resources/interop. */
  static Path file(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/interop/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource /interop/" + name, e);
    }
  }

  /** Writes a stored (uncompressed) zip with {@code archive/data.pkl} and {@code archive/data/<key>} entries. */
  static Path zip(Path file, byte[] dataPkl, Map<String, byte[]> storages) throws IOException {
    return zip(file, dataPkl, storages, "little");
  }

  /** As {@link #zip(Path, byte[], Map)}, with {@code byteorder} in the byteorder entry, or none if it is null. */
  static Path zip(Path file, byte[] dataPkl, Map<String, byte[]> storages, String byteorder) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
      put(z, "archive/data.pkl", dataPkl);
      if (byteorder != null) {
        put(z, "archive/byteorder", byteorder.getBytes());
      }
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        put(z, "archive/data/" + e.getKey(), e.getValue());
      }
      put(z, "archive/version", "3\n".getBytes());
    }
    return file;
  }

  private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    e.setCrc(crc.getValue());
    z.putNextEntry(e);
    z.write(bytes);
    z.closeEntry();
  }
}
