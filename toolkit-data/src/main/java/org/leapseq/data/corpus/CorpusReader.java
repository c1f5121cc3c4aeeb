// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.nio.file.Path;

/** Reads one corpus's unpacked {@code package/} directory and sends each output line to its split. */
interface CorpusReader {
  /** Writes every line, in a fixed order, to {@code out}; fails with a one-line error on a wrong directory. */
  void read(Path packageDir, SplitWriter out);
}
