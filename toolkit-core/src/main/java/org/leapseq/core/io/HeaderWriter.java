// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a safetensors header the way the reference writer does: compact JSON, {@code __metadata__} first (omitted
 * when empty, keys sorted), then the tensors in the given order with contiguous data offsets, padded with spaces to
 * a multiple of 8 bytes.
 */
final class HeaderWriter {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final int ALIGNMENT = 8;

  private HeaderWriter() {}

  /** The padded UTF-8 header for {@code names} (in order), their arrays and dtypes, and {@code metadata}. */
  static byte[] header(
      List<String> names, Map<String, INDArray> tensors, Map<String, Dtype> dtypes, Map<String, String> metadata) {
    ObjectNode root = PLAIN.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = root.putObject(HeaderReader.METADATA_KEY);
      new TreeMap<>(metadata).forEach(m::put);
    }
    long offset = 0;
    for (String name : names) {
      INDArray a = tensors.get(name);
      Dtype dtype = dtypes.get(name);
      ObjectNode entry = root.putObject(name);
      entry.put("dtype", dtype.name());
      ArrayNode shape = entry.putArray("shape");
      Arrays.stream(a.shape()).forEach(shape::add);
      long end = offset + a.length() * dtype.itemSize();
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    return padded(json(root));
  }

  private static byte[] json(ObjectNode root) {
    try {
      return PLAIN.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] padded(byte[] json) {
    int extra = (ALIGNMENT - json.length % ALIGNMENT) % ALIGNMENT;
    byte[] out = Arrays.copyOf(json, json.length + extra);
    Arrays.fill(out, json.length, out.length, (byte) ' ');
    return out;
  }
}
