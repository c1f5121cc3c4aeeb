// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

/** One recorded op: the tensors it read and the function that sends its output gradient back to them. */
record Node(Tensor[] inputs, Tensor.Backward backward) {}
