// SPDX-License-Identifier: Apache-2.0
/**
 * NumPy's {@code .npy} and {@code .npz} formats ({@link org.leapseq.data.npy.Npy}, {@link
 * org.leapseq.data.npy.Npz}) for the arrays fairseq's speech recipes exchange: fbank features (float32
 * {@code [T, 80]}), global CMVN statistics ({@code gcmvn.npz}) and the like. C order, little- or big-endian
 * float32/float64 and signed integers on read; little-endian, byte-identical to {@code np.save} on write.
 */
package org.leapseq.data.npy;
