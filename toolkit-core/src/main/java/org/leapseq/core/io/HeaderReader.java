// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;

/**
 * Parses and validates a safetensors JSON header. Besides well-formed entries it requires, as the reference
 * implementation does, that the tensors' byte ranges tile the data section exactly: no overlaps, no gaps, nothing
 * past the end and nothing left over.
 */
final class HeaderReader {
  static final String METADATA_KEY = "__metadata__";

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** The parsed header: tensors in header order and the metadata strings. */
  record Header(List<TensorInfo> tensors, Map<String, String> metadata) {}

  private final Path file;

  HeaderReader(Path file) {
    this.file = file;
  }

  /** Parses {@code bytes}, the header of a file whose data section is {@code dataLength} bytes long. */
  Header parse(byte[] bytes, long dataLength) {
    JsonNode root = parseJson(bytes);
    if (!root.isObject()) {
      throw invalid("the header is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorInfo> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(METADATA_KEY)) {
        metadata = parseMetadata(e.getValue());
      } else {
        tensors.add(parseTensor(e.getKey(), e.getValue()));
      }
    }
    checkLayout(tensors, dataLength);
    return new Header(List.copyOf(tensors), metadata);
  }

  private JsonNode parseJson(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid("the header is not valid UTF-8");
    }
    try {
      return STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid("the header is not valid JSON: %s", e.getOriginalMessage());
    }
  }

  private Map<String, String> parseMetadata(JsonNode node) {
    if (!node.isObject()) {
      throw invalid("%s is not a JSON object", METADATA_KEY);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw invalid("%s value %s is not a string", METADATA_KEY, FileErrors.quote(e.getKey()));
      }
      metadata.put(e.getKey(), e.getValue().textValue());
    }
    return metadata;
  }

  private TensorInfo parseTensor(String name, JsonNode node) {
    String q = FileErrors.quote(name);
    if (!node.isObject()) {
      throw invalid("tensor %s: the entry is not a JSON object", q);
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw invalid("tensor %s: missing or non-string \"dtype\"", q);
    }
    Dtype dtype = Dtype.parse(dtypeNode.textValue());
    if (dtype == null) {
      throw invalid(
          "tensor %s: unsupported dtype %s (supported: %s)",
          q, FileErrors.quote(dtypeNode.textValue()), Arrays.toString(Dtype.values()));
    }
    long[] shape = longs(q, node.get("shape"), "shape", -1);
    long[] offsets = longs(q, node.get("data_offsets"), "data_offsets", 2);
    if (offsets[0] > offsets[1]) {
      throw invalid("tensor %s: data_offsets %s begin after they end", q, Arrays.toString(offsets));
    }
    long needed = byteCount(q, shape, dtype);
    if (offsets[1] - offsets[0] != needed) {
      throw invalid(
          "tensor %s: data_offsets %s span %d bytes but shape %s of %s needs %d",
          q, Arrays.toString(offsets), offsets[1] - offsets[0], Arrays.toString(shape), dtype, needed);
    }
    return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
  }

  /** The non-negative integers of a JSON array field; {@code size} -1 allows any length. */
  private long[] longs(String q, JsonNode node, String field, int size) {
    if (node == null || !node.isArray() || (size >= 0 && node.size() != size)) {
      String what = size >= 0 ? "an array of " + size + " integers" : "an array of integers";
      throw invalid("tensor %s: \"%s\" is missing or not %s", q, field, what);
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw invalid("tensor %s: \"%s\" holds %s, not a 64-bit integer", q, field, v);
      }
      values[i] = v.longValue();
      if (values[i] < 0) {
        throw invalid("tensor %s: \"%s\" holds the negative value %d", q, field, values[i]);
      }
    }
    return values;
  }

  private long byteCount(String q, long[] shape, Dtype dtype) {
    try {
      long bytes = dtype.itemSize();
      for (long d : shape) {
        bytes = Math.multiplyExact(bytes, d);
      }
      return bytes;
    } catch (ArithmeticException e) {
      throw invalid("tensor %s: shape %s is too large", q, Arrays.toString(shape));
    }
  }

  private void checkLayout(List<TensorInfo> tensors, long dataLength) {
    List<TensorInfo> byOffset = new ArrayList<>(tensors);
    byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long expected = 0;
    for (TensorInfo t : byOffset) {
      String where = "tensor " + FileErrors.quote(t.name()) + ": data_offsets [" + t.begin() + ", " + t.end() + "]";
      if (t.end() > dataLength) {
        throw invalid("%s run past the end of the %d-byte data section", where, dataLength);
      }
      if (t.begin() != expected) {
        String problem = t.begin() < expected ? "overlap another tensor" : "leave a gap after byte " + expected;
        throw invalid("%s %s", where, problem);
      }
      expected = t.end();
    }
    if (expected != dataLength) {
      throw invalid("the tensors cover %d bytes but the data section holds %d", expected, dataLength);
    }
  }

  private LeapseqException invalid(String format, Object... args) {
    return FileErrors.invalid(file, format, args);
  }
}
