// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.indexed.IndexedDataset;
import org.leapseq.data.indexed.IndexedDatasets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A split of fairseq's {@code language_modeling} task: {@link TokenBlocks} over a binarized split wrapped as
 * {@code MonolingualDataset} with the {@code future} target. Item {@code i}'s target is block {@code i}, its source
 * the block shifted right by one after {@code </s>}; with {@code --add-bos-token} both get {@code <s>} prepended
 * (so the target starts with {@code <s>} too, exactly as fairseq's {@code _maybe_add_bos}). Sizes (what batching
 * counts and filters) are block lengths without the bos. Closing releases the dataset files.
 */
public final class LmDataset implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LmDataset.class);

  private final IndexedDataset dataset;
  private final TokenBlocks blocks;
  private final LanguageModelingConfig cfg;
  private final Dictionary dict;

  private LmDataset(IndexedDataset dataset, LanguageModelingConfig cfg, Dictionary dict) {
    this.dataset = dataset;
    this.cfg = cfg;
    this.dict = dict;
    this.blocks = TokenBlocks.of(dataset, cfg.sampleBreakMode(), cfg.tokensPerSample(), Dictionary.EOS);
  }

  /** The split {@code dataDir/split} alone, as fairseq loads validation and test subsets. */
  public static LmDataset open(Path dataDir, String split, LanguageModelingConfig cfg, Dictionary dict) {
    return wrap(IndexedDatasets.open(dataDir.resolve(split)), cfg, dict, split);
  }

  /** {@code dataDir/split} with its shards {@code split1}, {@code split2}, ..., as fairseq loads training data. */
  public static LmDataset openCombined(Path dataDir, String split, LanguageModelingConfig cfg, Dictionary dict) {
    return wrap(IndexedDatasets.openCombined(dataDir.resolve(split)), cfg, dict, split);
  }

  /** A dataset over {@code ds}, which it closes on {@link #close()}. */
  public static LmDataset of(IndexedDataset ds, LanguageModelingConfig cfg, Dictionary dict) {
    return wrap(ds, cfg, dict, ds.path().getFileName().toString());
  }

  private static LmDataset wrap(IndexedDataset ds, LanguageModelingConfig cfg, Dictionary dict, String split) {
    try {
      LmDataset lm = new LmDataset(ds, cfg, dict);
      log.info("{} {} {} examples", ds.path().getParent(), split, lm.size());
      return lm;
    } catch (RuntimeException e) {
      ds.close();
      throw e instanceof LeapseqException ? e : LeapseqException.of("%s: %s", ds.path(), e.getMessage());
    }
  }

  /** The number of items (blocks). */
  public int size() {
    return blocks.size();
  }

  /** Every item's block length, fairseq's {@code MonolingualDataset.sizes}. */
  public int[] sizes() {
    return blocks.sizes();
  }

  /** The blocks behind the items. */
  public TokenBlocks blocks() {
    return blocks;
  }

  /** The configuration the dataset was built with. */
  public LanguageModelingConfig config() {
    return cfg;
  }

  /** Item {@code i}, fairseq's {@code MonolingualDataset.__getitem__}. */
  public LmItem item(int i) {
    LmItem block = blocks.read(i);
    if (!cfg.addBosToken()) {
      return block;
    }
    return new LmItem(i, prepend(Dictionary.BOS, block.source()), prepend(Dictionary.BOS, block.target()));
  }

  /** Items {@code indices}, in that order, collated right-padded with {@code <pad>}. */
  public LmBatch collate(int[] indices) {
    List<LmItem> items = new ArrayList<>(indices.length);
    for (int i : indices) {
      items.add(item(i));
    }
    return LmBatch.collate(items, Dictionary.PAD);
  }

  /** The dictionary the ids belong to. */
  public Dictionary dictionary() {
    return dict;
  }

  @Override
  public void close() {
    dataset.close();
  }

  private static int[] prepend(int first, int[] rest) {
    int[] out = new int[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
