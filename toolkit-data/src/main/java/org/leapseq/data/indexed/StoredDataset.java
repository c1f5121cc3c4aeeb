// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.file.Path;

/** What both file-backed readers share: a prefix and the {@link ItemData} read from it. */
abstract class StoredDataset implements IndexedDataset {
  private final Path prefix;
  final ItemData items;

  StoredDataset(Path prefix, ItemData items) {
    this.prefix = prefix;
    this.items = items;
  }

  /** The stored element type. */
  public DType dtype() {
    return items.type();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public int itemLength(int i) {
    return items.itemLength(i);
  }

  @Override
  public int[] sizes() {
    return items.sizes();
  }

  @Override
  public long[] get(int i) {
    return items.get(i);
  }

  @Override
  public long totalTokens() {
    return items.totalTokens();
  }

  @Override
  public Path path() {
    return prefix;
  }

  @Override
  public void close() {
    items.close();
  }
}
