// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/** A value under construction that the pickle BUILD opcode may complete once with a state. */
interface Buildable {
  /** Applies the BUILD {@code state}; fails if it has the wrong shape or the value is already built. */
  void build(Object state);
}
