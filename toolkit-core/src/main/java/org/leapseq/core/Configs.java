// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Locale;
import java.util.Map;

/**
 * JSON/YAML binding of config records, with fairseq's snake_case field names ({@code decoder_embed_dim}), and
 * the precedence rule <em>explicit flag &gt; arch preset &gt; model default</em>: a preset is a record derived from
 * the model default, and {@link #withOverrides} applies the flags the user actually typed on top of it. Every
 * result passes through the record's compact constructor, so it is validated.
 */
public final class Configs {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private Configs() {}

  /** The shared mapper (snake_case names, unknown fields rejected). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** The shared YAML mapper with the same naming. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /** A config as one line of JSON (for log lines). */
  public static String toJson(Record config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + config.getClass().getSimpleName(), e);
    }
  }

  /** Parses JSON into {@code type}; a bad document or a failed validation is a one-line error. */
  public static <C extends Record> C fromJson(String json, Class<C> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw bindingError(type, e);
    }
  }

  /**
   * {@code base} with the given fields replaced. Keys are fairseq flag names with or without the leading dashes
   * ({@code --decoder-embed-dim}, {@code decoder-embed-dim}) or snake_case field names; an unknown key is an error
   * naming it.
   */
  public static <C extends Record> C withOverrides(C base, Map<String, ?> overrides) {
    @SuppressWarnings("unchecked")
    Class<C> type = (Class<C>) base.getClass();
    ObjectNode tree = JSON.valueToTree(base);
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      String field = fieldName(e.getKey());
      if (!tree.has(field)) {
        throw LeapseqException.of("unknown option --%s for %s", field.replace('_', '-'), type.getSimpleName());
      }
      tree.set(field, JSON.valueToTree(e.getValue()));
    }
    try {
      return JSON.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw bindingError(type, e);
    }
  }

  /** The snake_case field name for a flag ({@code --max-tokens} -> {@code max_tokens}). */
  public static String fieldName(String flag) {
    String f = flag.startsWith("--") ? flag.substring(2) : flag;
    return f.replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** A config as a JSON tree (for storing inside checkpoints and logs). */
  public static JsonNode toTree(Record config) {
    return JSON.valueToTree(config);
  }

  private static LeapseqException bindingError(Class<?> type, JsonProcessingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof LeapseqException le) {
      return le;
    }
    String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    return new LeapseqException(type.getSimpleName() + ": " + msg.lines().findFirst().orElse(msg), e);
  }
}
