// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

/**
 * A weight {@code [out, in]} (PyTorch's layout) re-laid for {@link Kernels#matmul}: panels of {@code width}
 * consecutive output rows, each panel stored {@code [in][width]} so that one input position's weights for the
 * whole panel are contiguous (the last panel zero-padded). The product then accumulates whole vectors of outputs
 * and never reduces across lanes.
 *
 * @param data {@code panels() * in * width} floats
 * @param out output rows
 * @param in inputs
 * @param width output rows per panel
 */
record Packed(float[] data, int out, int in, int width) {
  /** Packs a row-major {@code [out, in]} weight into panels of {@code width}. */
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
    return new Packed(data, out, in, width);
  }

  /** Number of panels. */
  int panels() {
    return (out + width - 1) / width;
  }
}
