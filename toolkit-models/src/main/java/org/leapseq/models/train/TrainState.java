// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.batching.IteratorState;

/**
 * Everything besides weights and optimizer tensors that a resumed run needs to continue bit for bit: fairseq's
 * {@code extra_state} (iterator position, best metric, validation loss, meters) plus the update count, the lr
 * scheduler and the dropout random stream.
 *
 * @param numUpdates updates done
 * @param trainIterator where the training iterator stands
 * @param lrScheduler the scheduler's state
 * @param rng the model's random stream state (dropout masks)
 * @param best the best validation metric so far, or null
 * @param valLoss the validation loss at this save, or null
 * @param meters the training meters (so end-of-epoch averages survive a mid-epoch resume)
 */
public record TrainState(long numUpdates, IteratorState trainIterator, Map<String, Object> lrScheduler, long rng,
    Double best, Double valLoss, Map<String, Object> meters) {
  /** JSON with fairseq's key names where fairseq has them. */
  public String toJson() {
    ObjectNode o = Configs.json().createObjectNode();
    o.put("num_updates", numUpdates);
    o.set("train_iterator", read(trainIterator.toJson()));
    o.set("lr_scheduler", Configs.json().valueToTree(lrScheduler));
    o.put("rng", rng);
    if (best != null) {
      o.put("best", best);
    }
    if (valLoss != null) {
      o.put("val_loss", valLoss);
    }
    o.set("meters", Configs.json().valueToTree(meters));
    return o.toString();
  }

  /** Reads {@link #toJson()}'s form. */
  public static TrainState fromJson(String json) {
    JsonNode o = read(json);
    try {
      Map<String, Object> sched = Configs.json().convertValue(o.path("lr_scheduler"), new TypeReference<>() {});
      Map<String, Object> meters = o.has("meters")
          ? Configs.json().convertValue(o.get("meters"), new TypeReference<Map<String, Object>>() {})
          : new LinkedHashMap<>();
      return new TrainState(o.path("num_updates").asLong(), IteratorState.fromJson(o.path("train_iterator").toString()),
          sched, o.path("rng").asLong(), o.has("best") ? o.get("best").asDouble() : null,
          o.has("val_loss") ? o.get("val_loss").asDouble() : null, meters);
    } catch (IllegalArgumentException e) {
      throw new LeapseqException("corrupt trainer state in the checkpoint: " + e.getMessage(), e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return Configs.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new LeapseqException("corrupt trainer state in the checkpoint: " + e.getOriginalMessage(), e);
    }
  }
}
