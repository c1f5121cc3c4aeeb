// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.file.Path;
import org.leapseq.core.LeapseqException;

/**
 * A read-only sequence of token-id items stored on disk, fairseq's {@code IndexedDataset} family. Items are
 * numbered from 0 to {@link #size()} - 1; values are widened to {@code long} whatever the stored dtype.
 * Implementations are safe for concurrent reads; {@link #close()} releases the files and makes later reads fail.
 */
public interface IndexedDataset extends AutoCloseable {
  /** The number of items. */
  int size();

  /** The number of values in item {@code i}. */
  int itemLength(int i);

  /** Every item's length, as a fresh copy the caller may modify. */
  int[] sizes();

  /**
   * Item {@code i}'s values widened to long; floating dtypes are truncated toward zero like numpy's {@code
   * astype(int64)}. A stored value that is not a finite number in the int64 range fails with a {@link
   * LeapseqException}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  long[] get(int i);

  /**
   * Item {@code i}'s values as ints.
   *
   * @throws LeapseqException naming the dataset if a value does not fit an int
   */
  default int[] getInts(int i) {
    long[] v = get(i);
    int[] out = new int[v.length];
    for (int j = 0; j < v.length; j++) {
      if (v[j] != (int) v[j]) {
        throw LeapseqException.of("%s: item %d position %d: value %d does not fit an int", path(), i, j, v[j]);
      }
      out[j] = (int) v[j];
    }
    return out;
  }

  /** The sum of all item lengths. */
  long totalTokens();

  /** The prefix the dataset was opened from, such as {@code data-bin/train.de-en.de} (without extension). */
  Path path();

  @Override
  void close();
}
