// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.Phase;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A node of a model tree, with PyTorch's {@code nn.Module} naming: it owns parameters, buffers and child modules
 * under local names, and the tree gives them dotted names such as {@code decoder.layers.0.self_attn.q_proj.weight}.
 * Order is PyTorch's: a module's own parameters, then its buffers, then each child in registration order.
 *
 * <p>A parameter registered twice ({@link #tie}) appears once in {@link #namedParameters()} and
 * {@link #parameters()} (under its first name) but under every name in {@link #stateDict()}, as in PyTorch.
 * Subclasses register everything in their constructor and add their own {@code forward}.
 */
public abstract class Module {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final Map<String, Tensor> params = new LinkedHashMap<>();
  private final Map<String, INDArray> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private Module parent;
  private Phase phase = Phase.TRAIN;

  /** Registers a new trainable parameter holding {@code init} (kept, not copied) and returns it. */
  protected final Tensor param(String name, INDArray init) {
    Tensor p = Tensor.param(init);
    params.put(claim(name), p);
    return p;
  }

  /** Registers an existing parameter, usually another module's, under a second name (weight tying). */
  protected final Tensor tie(String name, Tensor shared) {
    Require.that(shared.requiresGrad() && shared.isLeaf(), "tie(%s): only a parameter can be tied", name);
    params.put(claim(name), shared);
    return shared;
  }

  /** Registers non-trainable state that is saved and loaded with the state dict (PyTorch's persistent buffer). */
  protected final INDArray buffer(String name, INDArray value) {
    buffers.put(claim(name), value);
    return value;
  }

  /** Registers {@code m} as a child; a module has at most one parent and the tree has no cycles. */
  protected final <M extends Module> M child(String name, M m) {
    Module node = m;
    Require.that(node.parent == null, "child(%s): the module already has a parent", name);
    for (Module a = this; a != null; a = a.parent) {
      Require.that(a != node, "child(%s): a module cannot contain itself", name);
    }
    children.put(claim(name), node);
    node.parent = this;
    return m;
  }

  /** Whether another module has registered this one as its child. */
  final boolean hasParent() {
    return parent != null;
  }

  private String claim(String name) {
    Require.that(name != null && NAME.matcher(name).matches(), "bad name %s: use [A-Za-z0-9_]+", name);
    Require.that(!params.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "name %s is already registered in %s", name, getClass().getSimpleName());
    return name;
  }

  /** Trainable parameters by dotted name, each shared tensor once under its first name. */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collectParams("", out, seen);
    return out;
  }

  private void collectParams(String prefix, Map<String, Tensor> out, Set<Tensor> seen) {
    params.forEach((n, p) -> {
      if (seen.add(p)) {
        out.put(prefix + n, p);
      }
    });
    children.forEach((n, c) -> c.collectParams(prefix + n + ".", out, seen));
  }

  /** The distinct trainable parameters, in {@link #namedParameters()} order. */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Number of trainable scalars, shared parameters counted once. */
  public final long parameterCount() {
    return parameters().stream().mapToLong(p -> p.value().length()).sum();
  }

  /** Every parameter (tied ones under each name) and buffer by dotted name; the values are the live arrays. */
  public final Map<String, INDArray> stateDict() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    collectState("", out);
    return out;
  }

  private void collectState(String prefix, Map<String, INDArray> out) {
    params.forEach((n, p) -> out.put(prefix + n, p.value()));
    buffers.forEach((n, b) -> out.put(prefix + n, b));
    children.forEach((n, c) -> c.collectState(prefix + n + ".", out));
  }

  /**
   * Copies {@code state} into the live arrays, strictly: every name of {@link #stateDict()} must be present, no
   * other name may be, and shapes must match. Values are cast to the live array's type when both are floating
   * point (PyTorch's {@code copy_}, so a float32 file loads into a float64 model); any other type difference is a
   * mismatch. All problems are reported together in one {@link LeapseqException} and nothing is copied then. A
   * tied parameter is written once per name, the last name in state-dict order winning, as in PyTorch.
   */
  public final void loadStateDict(Map<String, INDArray> state) {
    Map<String, INDArray> live = stateDict();
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    live.forEach((name, dst) -> {
      INDArray src = state.get(name);
      if (src == null) {
        missing.add(name);
      } else if (!Arrays.equals(src.shape(), dst.shape())) {
        mismatched.add(name + " shape " + Arrays.toString(src.shape()) + " != " + Arrays.toString(dst.shape()));
      } else if (src.dataType() != dst.dataType() && !(src.dataType().isFPType() && dst.dataType().isFPType())) {
        mismatched.add(name + " type " + src.dataType() + " != " + dst.dataType());
      }
    });
    List<String> unexpected = state.keySet().stream().filter(n -> !live.containsKey(n)).sorted().toList();
    if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
      throw LeapseqException.of("cannot load state dict into %s: missing %s; unexpected %s; mismatched %s",
          getClass().getSimpleName(), missing, unexpected, mismatched);
    }
    live.forEach((name, dst) -> {
      INDArray src = state.get(name);
      if (src != dst) {
        dst.assign(src.dataType() == dst.dataType() ? src : src.castTo(dst.dataType()));
      }
    });
  }

  /** The current phase; modules start in {@link Phase#TRAIN}. */
  public final Phase phase() {
    return phase;
  }

  /** Sets {@link Phase#TRAIN} on this module and all its descendants. */
  public final void train() {
    setPhase(Phase.TRAIN);
  }

  /** Sets {@link Phase#EVAL} on this module and all its descendants. */
  public final void eval() {
    setPhase(Phase.EVAL);
  }

  private void setPhase(Phase p) {
    phase = p;
    children.values().forEach(c -> c.setPhase(p));
  }

  /** Drops the gradient of every parameter. */
  public final void zeroGrad() {
    parameters().forEach(Tensor::zeroGrad);
  }
}
