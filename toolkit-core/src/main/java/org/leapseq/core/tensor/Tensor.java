// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A value in the autodiff graph: an {@link INDArray}, its gradient (allocated on the first backward that reaches
 * it, accumulated in place afterwards) and the node that produced it. Leaves are constants or parameters;
 * {@link #backward()} on a scalar runs reverse mode over everything recorded since the leaves were made.
 */
public final class Tensor {
  private static final Slot NO_GRAD = new Slot(false, null, null, null);

  private final INDArray value;
  private final Slot slot;

  private Tensor(INDArray value, Slot slot) {
    this.value = value;
    this.slot = slot;
  }

  /** A leaf that never receives a gradient (inputs, masks, targets). */
  public static Tensor constant(INDArray value) {
    return new Tensor(value, NO_GRAD);
  }

  /** A leaf that receives a gradient: a trainable parameter or an input under a gradient check. */
  public static Tensor param(INDArray value) {
    return new Tensor(value, new Slot(true, null, value.dataType(), value.shape()));
  }

  /**
   * Sends the gradient of an op's output back to its inputs. Implementations call {@link Slot#addGrad} or
   * {@link Slot#addFreshGrad} on the {@link #slot() slot} of each input that {@link Slot#requiresGrad()}.
   */
  @FunctionalInterface
  public interface Backward {
    /** gradOut has the output's shape; it may be shared, so never write it. */
    void apply(INDArray gradOut);
  }

  /**
   * What the graph keeps of a tensor: whether it takes a gradient, the gradient accumulated so far and the op that
   * produced it, but not its value. Recorded nodes hold their inputs' slots, and a backward function should
   * capture slots and the arrays it really needs rather than tensors: a value no backward needs (a residual sum,
   * a dropout output, a reshaped copy) is then garbage as soon as the forward pass moved on, not at the end of the
   * backward pass (the live set of a 6x512 LeaPformer LM layer at T=1024 went from 690 to 365 MB).
   */
  public static final class Slot {
    private final boolean requiresGrad;
    private final Node node;
    private final DataType dtype;
    private final long[] shape;
    private INDArray grad;

    private Slot(boolean requiresGrad, Node node, DataType dtype, long[] shape) {
      this.requiresGrad = requiresGrad;
      this.node = node;
      this.dtype = dtype;
      this.shape = shape == null ? null : shape.clone();
    }

    public boolean requiresGrad() {
      return requiresGrad;
    }

    /** Accumulates {@code g}, which may be shared or a view: the first contribution is copied. */
    public void addGrad(INDArray g) {
      if (!requiresGrad) {
        return;
      }
      if (grad == null) {
        grad = g.dup('c');
      } else {
        grad.addi(g);
      }
    }

    /** Accumulates {@code g}, a new array nobody else holds: the first contribution is kept as is. */
    public void addFreshGrad(INDArray g) {
      if (!requiresGrad) {
        return;
      }
      if (grad == null) {
        grad = g;
      } else {
        grad.addi(g);
      }
    }

    boolean hasGrad() {
      return grad != null;
    }

    /** The gradient buffer for in-place accumulation (gemm with beta 1), allocated as zeros when absent. */
    INDArray gradBuffer() {
      if (grad == null) {
        grad = Nd4j.zeros(dtype, shape);
      }
      return grad;
    }
  }

  /**
   * Records an op: the result gets a node only when some input requires a gradient and no-grad is off. Fused ops
   * outside this package (the attention kernels) use it with their own hand-written backward.
   */
  public static Tensor record(INDArray value, Backward backward, Tensor... inputs) {
    if (NoGrad.active()) {
      return new Tensor(value, NO_GRAD);
    }
    for (Tensor in : inputs) {
      if (in.slot.requiresGrad) {
        Slot[] slots = new Slot[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
          slots[i] = inputs[i].slot;
        }
        return new Tensor(value, new Slot(true, new Node(slots, backward), value.dataType(), value.shape()));
      }
    }
    return new Tensor(value, NO_GRAD);
  }

  /** What the graph keeps of this tensor (for backward functions; see {@link Slot}). */
  public Slot slot() {
    return slot;
  }

  public INDArray value() {
    return value;
  }

  public boolean requiresGrad() {
    return slot.requiresGrad;
  }

  /** True for tensors not produced by a recorded op. */
  public boolean isLeaf() {
    return slot.node == null;
  }

  public boolean hasGrad() {
    return slot.grad != null;
  }

  /** The accumulated gradient, same shape as {@link #value()}; throws when no backward has reached it yet. */
  public INDArray grad() {
    Require.that(slot.grad != null, "tensor of shape %s has no gradient", Arrays.toString(shape()));
    return slot.grad;
  }

  /** A copy of the shape (ND4J hands out its own array, which must never be written). */
  public long[] shape() {
    return value.shape().clone();
  }

  public int rank() {
    return value.rank();
  }

  /** Size of {@code axis}; negative axes count from the end. */
  public long size(int axis) {
    return value.size(Shapes.axis(axis, rank()));
  }

  public DataType dtype() {
    return value.dataType();
  }

  /** The value of a one-element tensor. */
  public double item() {
    Require.that(value.length() == 1, "item() needs one element, shape is %s", Arrays.toString(shape()));
    return value.getDouble(0);
  }

  /** The same value as a constant leaf: gradients stop here. */
  public Tensor detach() {
    return constant(value);
  }

  /** Drops the gradient; the next backward allocates a fresh one. */
  public void zeroGrad() {
    slot.grad = null;
  }

  /**
   * Reverse mode from this one-element tensor, seeding gradient 1; leaf gradients accumulate across calls. The
   * graph is consumed: each node is released once it ran, so a second backward through it throws.
   */
  public void backward() {
    Require.that(value.length() == 1, "backward() needs a scalar, shape is %s", Arrays.toString(shape()));
    Require.that(slot.requiresGrad, "backward() on a tensor that does not require a gradient");
    slot.addFreshGrad(Nd4j.onesLike(value));
    List<Slot> order = topologicalOrder();
    for (int i = order.size() - 1; i >= 0; i--) {
      Slot t = order.get(i);
      order.set(i, null);
      INDArray g = t.grad;
      if (g != null) {
        t.grad = null;
        t.node.backward().apply(g);
      }
      t.node.release();                 // every consumer of t ran before it: its inputs and saved values go
      BufferRecycler.atBoundary();      // consumed gradients and intermediates are garbage from here on
    }
  }

  /** Non-leaf slots reachable from this tensor's, every one after the ones it reads (iterative post-order). */
  private List<Slot> topologicalOrder() {
    List<Slot> order = new ArrayList<>();
    if (slot.node == null) {
      return order;
    }
    Set<Slot> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Slot> stack = new ArrayDeque<>();
    ArrayDeque<int[]> next = new ArrayDeque<>();
    seen.add(slot);
    stack.push(slot);
    next.push(new int[1]);
    while (!stack.isEmpty()) {
      Slot t = stack.peek();
      int[] i = next.peek();
      Slot[] inputs = t.node.inputs();
      if (i[0] < inputs.length) {
        Slot in = inputs[i[0]++];
        if (in.node != null && seen.add(in)) {
          stack.push(in);
          next.push(new int[1]);
        }
      } else {
        order.add(stack.pop());
        next.pop();
      }
    }
    return order;
  }

  /** Accumulates {@code g}, which may be shared or a view: the first contribution is copied. */
  public void addGrad(INDArray g) {
    slot.addGrad(g);
  }

  /** Accumulates {@code g}, a new array nobody else holds: the first contribution is kept as is. */
  public void addFreshGrad(INDArray g) {
    slot.addFreshGrad(g);
  }

  public Tensor add(Tensor other) {
    return MathOps.add(this, other);
  }

  public Tensor sub(Tensor other) {
    return MathOps.sub(this, other);
  }

  public Tensor mul(Tensor other) {
    return MathOps.mul(this, other);
  }

  public Tensor div(Tensor other) {
    return MathOps.div(this, other);
  }

  public Tensor mul(double s) {
    return MathOps.mul(this, s);
  }

  public Tensor add(double s) {
    return MathOps.add(this, s);
  }

  public Tensor neg() {
    return MathOps.neg(this);
  }

  public Tensor sum() {
    return ReduceOps.sum(this);
  }

  public Tensor mean() {
    return ReduceOps.mean(this);
  }

  public Tensor reshape(long... shape) {
    return ShapeOps.reshape(this, shape);
  }

  public Tensor permute(int... axes) {
    return ShapeOps.permute(this, axes);
  }

  public Tensor matmul(Tensor other) {
    return LinalgOps.matmul(this, other);
  }

  public Tensor exp() {
    return Activations.exp(this);
  }

  public Tensor log() {
    return Activations.log(this);
  }

  public Tensor relu() {
    return Activations.relu(this);
  }

  public Tensor tanh() {
    return Activations.tanh(this);
  }

  public Tensor sigmoid() {
    return Activations.sigmoid(this);
  }
}
