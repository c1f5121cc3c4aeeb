// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

/**
 * A thread-local scope in which ops record nothing: {@code try (NoGrad ng = NoGrad.enter()) { ... }}. Scopes
 * nest; recording resumes when the outermost one closes.
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private boolean open = true;

  private NoGrad() {}

  /** Enters a no-grad scope on the current thread. */
  public static NoGrad enter() {
    DEPTH.get()[0]++;
    return new NoGrad();
  }

  /** True while the current thread is inside a no-grad scope. */
  public static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      DEPTH.get()[0]--;
    }
  }
}
