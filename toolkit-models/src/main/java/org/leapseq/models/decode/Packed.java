// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

/**
 * A weight {@code [out, in]} (PyTorch's layout) re-laid for {@link Kernels#matmul}: panels of {@code width}
 * consecutive output rows, each panel stored {@code [in][width]} so that one input position's weights for the
 * whole panel are contiguous (the last panel zero-padded). The product then accumulates whole vectors of outputs
 * and never reduces across lanes.
 *
 * <p>The weights are float32 ({@code data}) or bfloat16 ({@code halves}, the other one null): bfloat16 is the top
 * half of a float32, rounded to nearest even, and one int holds the panel's rows {@code j} (low half) and {@code j +
 * width / 2} (high half), so a vector of ints widens into two vectors of floats by a shift and a mask. Half the
 * bytes to stream per decoding step, 8 significant bits per weight instead of 24.
 *
 * @param data {@code panels() * in * width} floats, or null
 * @param halves {@code panels() * in * width / 2} ints of two bfloat16 each, or null
 * @param out output rows
 * @param in inputs
 * @param width output rows per panel (even)
 */
record Packed(float[] data, int[] halves, int out, int in, int width) {
  /** Packs a row-major {@code [out, in]} weight into float32 panels of {@code width}. */
  static Packed of(float[] w, int out, int in, int width) {
    int panels = (out + width - 1) / width;
    float[] data = new float[panels * in * width];
    for (int r = 0; r < out; r++) {
      int p = r / width;
      int j = r % width;
      for (int e = 0; e < in; e++) {
        data[(p * in + e) * width + j] = w[r * in + e];
      }
    }
    return new Packed(data, null, out, in, width);
  }

  /** Packs a row-major {@code [out, in]} weight into bfloat16 panels of {@code width}. */
  static Packed bf16(float[] w, int out, int in, int width) {
    int panels = (out + width - 1) / width;
    int half = width / 2;
    int[] halves = new int[panels * in * half];
    for (int r = 0; r < out; r++) {
      int p = r / width;
      int j = r % width;
      for (int e = 0; e < in; e++) {
        int at = (p * in + e) * half + j % half;
        halves[at] |= j < half ? toBf16(w[r * in + e]) : toBf16(w[r * in + e]) << 16;
      }
    }
    return new Packed(null, halves, out, in, width);
  }

  /** The bfloat16 bits of {@code f} (round to nearest even; NaN stays NaN) in the low 16 bits. */
  static int toBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (bits >>> 16) | 0x40;
    }
    return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
  }

  /** The weight of panel {@code p}'s row {@code j} for input {@code e}, as float. */
  float weight(int p, int e, int j) {
    if (data != null) {
      return data[(p * in + e) * width + j];
    }
    int half = width / 2;
    int v = halves[(p * in + e) * half + j % half];
    return Float.intBitsToFloat(j < half ? v << 16 : v & 0xFFFF0000);
  }

  /** Number of panels. */
  int panels() {
    return (out + width - 1) / width;
  }
}
