// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * The position of an {@link EpochBatchIterator}, fairseq's {@code EpochBatchIterator.state_dict()} ({@code
 * version} 2): the epoch to run next or in progress, how many of its batches are done, and whether its batches
 * are shuffled. At the end of an epoch it is {@code (epoch + 1, 0)}.
 */
public record IteratorState(int epoch, int iterationsInEpoch, boolean shuffle) {
  /** fairseq's {@code state_dict} version. */
  public static final int VERSION = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  public IteratorState {
    Require.that(epoch >= 1, "epoch must be >= 1, got %d", epoch);
    Require.that(iterationsInEpoch >= 0, "iterations_in_epoch must be >= 0, got %d", iterationsInEpoch);
  }

  /** {@code {"version": 2, "epoch": E, "iterations_in_epoch": N, "shuffle": S}}. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", VERSION);
    o.put("epoch", epoch);
    o.put("iterations_in_epoch", iterationsInEpoch);
    o.put("shuffle", shuffle);
    return o.toString();
  }

  /**
   * Reads {@link #toJson()}'s form; like fairseq's {@code load_state_dict}, a missing {@code iterations_in_epoch}
   * is 0 and a missing {@code shuffle} is true. Only version 2 is accepted.
   */
  public static IteratorState fromJson(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw LeapseqException.of("iterator state is not JSON: %s", e.getOriginalMessage());
    }
    Require.that(o != null && o.isObject() && o.path("epoch").canConvertToInt(),
        "iterator state needs an integer \"epoch\": %s", json);
    int version = o.path("version").asInt(1);
    Require.that(version == VERSION, "iterator state version %d is not supported (expected %d)", version, VERSION);
    return new IteratorState(o.get("epoch").asInt(), o.path("iterations_in_epoch").asInt(0),
        o.path("shuffle").asBoolean(true));
  }
}
