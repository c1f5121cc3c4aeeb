// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Reads {@code torch.save} files in the zip format PyTorch writes since 1.6: {@code <name>/data.pkl} (the pickled
 * object), {@code <name>/data/<key>} (one entry per storage), {@code <name>/version} and {@code <name>/byteorder}.
 *
 * <p>The pickle is run by a restricted unpickler that accepts only tensors, containers, primitives, numeric numpy
 * scalars and arrays, and the {@code argparse.Namespace} and omegaconf objects fairseq stores; see
 * {@link TorchCheckpoint} for the result. Any other Python global fails with {@code refusing to load FILE: it
 * references python global 'os.system'; ...} before anything is built, a numpy dtype other than bool, integer and
 * float with {@code refusing to load FILE: it holds a numpy value of dtype 'O8'; ...}, and a malformed file with
 * {@code FILE: not a valid PyTorch checkpoint: REASON}. All are one-line {@link LeapseqException}s.
 */
public final class TorchCheckpoints {
  private static final String DATA_PKL = "data.pkl";
  private static final int MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

  private TorchCheckpoints() {}

  /** Reads and unpickles {@code file}; storages are read into memory, so the file is closed on return. */
  public static TorchCheckpoint read(Path file) {
    if (!Files.isRegularFile(file)) {
      String why = Files.exists(file) ? "not a regular file" : "no such file or directory";
      throw new LeapseqException(file + ": cannot read: " + why);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new TorchCheckpoint(file, new Archive(file, zip).load());
    } catch (RefusedGlobal e) {
      throw new LeapseqException("refusing to load " + file + ": it references python global '" + e.getMessage()
          + "'; only tensors, containers and fairseq args/cfg are accepted");
    } catch (RefusedDtype e) {
      throw new LeapseqException("refusing to load " + file + ": it holds a numpy value of dtype '" + e.getMessage()
          + "'; only numpy bool, integer and float scalars and arrays are accepted");
    } catch (PickleError e) {
      throw invalid(file, e.getMessage());
    } catch (ZipException e) {
      throw invalid(file, notZipReason(file, e));
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    } catch (LeapseqException e) {
      throw e;
    } catch (RuntimeException e) {
      // a check this reader lacks; still one line that names the file, with the cause kept for a bug report
      throw new LeapseqException(file + ": not a valid PyTorch checkpoint: " + e, e);
    }
  }

  private static LeapseqException invalid(Path file, String reason) {
    String oneLine = reason == null ? "" : reason.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    return new LeapseqException(file + ": not a valid PyTorch checkpoint: " + oneLine);
  }

  private static String notZipReason(Path file, ZipException e) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
        return "it is in the legacy (before PyTorch 1.6) torch.save format; re-save it with a recent PyTorch";
      }
      if (head.length == 4 && head[0] == 'P' && head[1] == 'K') {
        return "broken zip archive (" + e.getMessage() + "); is the file truncated?";
      }
    } catch (IOException ignored) {
      // fall through to the generic reason
    }
    return "not a zip archive (" + e.getMessage() + ")";
  }

  /** One open archive: finds its entries and feeds the unpickler its storages. */
  private static final class Archive {
    private final Path file;
    private final ZipFile zip;
    private final Map<String, ByteBuffer> storages = new HashMap<>();
    private String prefix;
    private ByteOrder order;

    Archive(Path file, ZipFile zip) {
      this.file = file;
      this.zip = zip;
    }

    Object load() throws IOException {
      ZipEntry pkl = dataPkl();
      prefix = pkl.getName().substring(0, pkl.getName().length() - DATA_PKL.length());
      checkVersion();
      order = byteOrder();
      byte[] pickle = bytes(pkl);
      Object raw = new Unpickler(pickle, this::storage).load();
      return new Freezer().freeze(raw);
    }

    private ZipEntry dataPkl() {
      List<ZipEntry> found = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        int slash = name.indexOf('/');
        if (slash > 0 && name.indexOf('/', slash + 1) < 0 && name.endsWith("/" + DATA_PKL)) {
          found.add(e);
        }
      }
      if (found.size() != 1) {
        throw new PickleError(found.isEmpty() ? "the archive has no <name>/data.pkl entry"
            : "the archive has " + found.size() + " data.pkl entries");
      }
      return found.get(0);
    }

    private void checkVersion() throws IOException {
      ZipEntry v = zip.getEntry(prefix + "version");
      if (v == null) {
        v = zip.getEntry(prefix + ".data/version");
      }
      if (v == null) {
        return;
      }
      String text = new String(bytes(v), StandardCharsets.US_ASCII).trim();
      if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
        throw new PickleError("the version entry holds '%s', not a format version", RefusedGlobal.printable(text));
      }
    }

    private ByteOrder byteOrder() throws IOException {
      ZipEntry b = zip.getEntry(prefix + "byteorder");
      if (b == null) {
        return ByteOrder.LITTLE_ENDIAN; // written since PyTorch 1.12; before that only little-endian machines saved
      }
      String text = new String(bytes(b), StandardCharsets.US_ASCII).trim();
      switch (text) {
        case "little":
          return ByteOrder.LITTLE_ENDIAN;
        case "big":
          return ByteOrder.BIG_ENDIAN;
        default:
          throw new PickleError("the byteorder entry holds '%s', not little or big", RefusedGlobal.printable(text));
      }
    }

    /** The bytes of storage {@code key}, read once however many tensors view it. */
    private ByteBuffer storage(String key) {
      return storages.computeIfAbsent(key, k -> {
        if (k.isEmpty() || k.contains("/") || k.contains("\\") || k.equals("..") || k.equals(".")) {
          throw new PickleError("storage key '%s' is not a plain name", RefusedGlobal.printable(k));
        }
        ZipEntry e = zip.getEntry(prefix + "data/" + k);
        if (e == null) {
          throw new PickleError("storage '%s' has no entry %sdata/%s", RefusedGlobal.printable(k),
              RefusedGlobal.printable(prefix), RefusedGlobal.printable(k));
        }
        try {
          return ByteBuffer.wrap(bytes(e)).order(order).asReadOnlyBuffer().order(order);
        } catch (IOException ex) {
          throw new PickleError("cannot read entry %s: %s", RefusedGlobal.printable(e.getName()),
              IoErrors.describe(ex));
        }
      });
    }

    private byte[] bytes(ZipEntry e) throws IOException {
      if (e.getSize() > MAX_ENTRY_BYTES) {
        throw new PickleError("entry %s holds %d bytes, more than one buffer can", RefusedGlobal.printable(e.getName()),
            e.getSize());
      }
      try (InputStream in = zip.getInputStream(e)) {
        byte[] b = in.readNBytes(MAX_ENTRY_BYTES);
        if (e.getSize() >= 0 && b.length != e.getSize()) {
          throw new PickleError("entry %s ends after %d of its %d bytes", RefusedGlobal.printable(e.getName()),
              b.length, e.getSize());
        }
        return b;
      }
    }
  }
}
