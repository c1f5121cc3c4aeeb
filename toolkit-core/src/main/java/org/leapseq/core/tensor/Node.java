// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

/**
 * One recorded op: the slots of the tensors it read (not their values) and the function that sends its output
 * gradient back to them. A backward pass {@link #release releases} each node once it has run, as PyTorch frees a
 * graph's saved tensors: whatever the function captured (saved activations, masks) becomes garbage while the pass
 * goes on, not when the whole graph is dropped.
 */
final class Node {
  private static final Tensor.Slot[] NONE = new Tensor.Slot[0];

  private Tensor.Slot[] inputs;
  private Tensor.Backward backward;

  Node(Tensor.Slot[] inputs, Tensor.Backward backward) {
    this.inputs = inputs;
    this.backward = backward;
  }

  Tensor.Slot[] inputs() {
    return inputs;
  }

  /** The function; throws once the node was released. */
  Tensor.Backward backward() {
    if (backward == null) {
      throw new IllegalStateException("backward() through a graph that was already differentiated: its saved"
          + " values are freed; run the forward pass again");
    }
    return backward;
  }

  /** Drops the inputs and the function after the backward pass ran it. */
  void release() {
    inputs = NONE;
    backward = null;
  }
}
