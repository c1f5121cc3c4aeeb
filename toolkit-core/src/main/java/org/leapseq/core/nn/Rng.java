// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.util.random.RandomGenerator;

/**
 * A reseedable deterministic random stream: SplitMix64, the generator behind {@link java.util.SplittableRandom},
 * whose whole state is one {@code long}. {@link #state()} and {@link #restore(long)} let a training run checkpoint
 * the stream and resume it bit-exactly. Gaussians use Box-Muller written here, so draws do not depend on the JDK's
 * default {@link RandomGenerator#nextGaussian()}. Not thread-safe: give each thread its own stream.
 */
public final class Rng implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double TWO_PI = 2 * Math.PI;

  private long state;

  /** A stream that starts from {@code seed}; two streams with the same seed draw the same values. */
  public Rng(long seed) {
    this.state = seed;
  }

  /** Restarts the stream from {@code seed}, as if it had just been constructed with it. */
  public void reseed(long seed) {
    state = seed;
  }

  /** The whole state of the stream; {@link #restore(long)} with it replays every later draw exactly. */
  public long state() {
    return state;
  }

  /** Resets the stream to a value returned earlier by {@link #state()}. */
  public void restore(long savedState) {
    state = savedState;
  }

  /** A new independent stream seeded from this one (advances this stream by one draw). */
  public Rng split() {
    return new Rng(nextLong());
  }

  @Override
  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Standard normal by Box-Muller (two uniform draws per value, the sine half discarded). */
  @Override
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: the log stays finite
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
  }
}
