// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

/**
 * Exact conversions from the 16-bit IEEE 754 half (binary16) and bfloat16 formats to float. Every value of either
 * format, subnormals, infinities and NaNs included, is representable as a float, so the results are exact.
 */
public final class HalfFloats {
  private static final int HALF_EXP_MASK = 0x1f;
  private static final int HALF_MANT_MASK = 0x3ff;
  private static final int FLOAT_EXP_BIAS_SHIFT = 127 - 15;

  private HalfFloats() {}

  /** The float equal to the binary16 value whose bits are the low 16 bits of {@code bits}. */
  public static float halfToFloat(int bits) {
    int sign = (bits >>> 15) & 1;
    int exp = (bits >>> 10) & HALF_EXP_MASK;
    int mant = bits & HALF_MANT_MASK;
    if (exp == 0) {
      // zero or subnormal: mant * 2^-24, exact in float
      float magnitude = Math.scalb((float) mant, -24);
      return sign == 0 ? magnitude : -magnitude;
    }
    int floatExp = exp == HALF_EXP_MASK ? 0xff : exp + FLOAT_EXP_BIAS_SHIFT;
    return Float.intBitsToFloat((sign << 31) | (floatExp << 23) | (mant << 13));
  }

  /** The float equal to the bfloat16 value whose bits are the low 16 bits of {@code bits}. */
  public static float bfloat16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
