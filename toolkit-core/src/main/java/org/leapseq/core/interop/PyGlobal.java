// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/**
 * The allowlist: every Python global a pickle may reference. {@link #find} returns null for anything else, and the
 * unpickler refuses the file at that point, before building anything. What each global may then be used for is its
 * {@link Role}; the storage classes ({@code torch.FloatStorage}, ...) are looked up through {@link TorchDtype}.
 */
enum PyGlobal {
  REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2", Role.FUNCTION),
  REBUILD_PARAMETER("torch._utils", "_rebuild_parameter", Role.FUNCTION),
  ORDERED_DICT("collections", "OrderedDict", Role.FUNCTION),
  DEFAULT_DICT("collections", "defaultdict", Role.FUNCTION),
  SET("builtins", "set", Role.FUNCTION),
  FROZENSET("builtins", "frozenset", Role.FUNCTION),
  CODECS_ENCODE("_codecs", "encode", Role.FUNCTION),
  TORCH_SIZE("torch", "Size", Role.FUNCTION),
  NUMPY_DTYPE("numpy", "dtype", Role.FUNCTION),
  NUMPY_SCALAR(NumpyValues.MULTIARRAY, "scalar", Role.FUNCTION),
  NUMPY_RECONSTRUCT(NumpyValues.MULTIARRAY, "_reconstruct", Role.FUNCTION),
  NUMPY_FROMBUFFER(NumpyValues.NUMERIC, "_frombuffer", Role.FUNCTION),
  NUMPY_NDARRAY("numpy", "ndarray", Role.TYPE),
  NAMESPACE("argparse", "Namespace", Role.CLASS),
  DICT_CONFIG("omegaconf.dictconfig", "DictConfig", Role.CLASS),
  LIST_CONFIG("omegaconf.listconfig", "ListConfig", Role.CLASS),
  CONTAINER_METADATA("omegaconf.base", "ContainerMetadata", Role.CLASS),
  METADATA("omegaconf.base", "Metadata", Role.CLASS),
  ANY_NODE("omegaconf.nodes", "AnyNode", Role.CLASS),
  STRING_NODE("omegaconf.nodes", "StringNode", Role.CLASS),
  INTEGER_NODE("omegaconf.nodes", "IntegerNode", Role.CLASS),
  FLOAT_NODE("omegaconf.nodes", "FloatNode", Role.CLASS),
  BOOLEAN_NODE("omegaconf.nodes", "BooleanNode", Role.CLASS),
  BYTES_NODE("omegaconf.nodes", "BytesNode", Role.CLASS),
  // types that omegaconf metadata names (ref_type, object_type, key_type, element_type) but never calls
  TYPING_ANY("typing", "Any", Role.TYPE),
  DICT_TYPE("builtins", "dict", Role.TYPE),
  LIST_TYPE("builtins", "list", Role.TYPE),
  TUPLE_TYPE("builtins", "tuple", Role.TYPE),
  INT_TYPE("builtins", "int", Role.TYPE),
  FLOAT_TYPE("builtins", "float", Role.TYPE),
  STR_TYPE("builtins", "str", Role.TYPE),
  BOOL_TYPE("builtins", "bool", Role.TYPE),
  BYTES_TYPE("builtins", "bytes", Role.FUNCTION), // also a type in omegaconf metadata
  OBJECT_TYPE("builtins", "object", Role.TYPE);

  /** What a global may be used for. */
  enum Role {
    /** Called by REDUCE; {@link Reductions} implements each one as plain data construction. */
    FUNCTION,
    /** Instantiated by NEWOBJ with no arguments, then given its attributes by BUILD. */
    CLASS,
    /**
     * Only referenced: as a value inside omegaconf metadata, which the result leaves out, or as the class argument
     * of {@code numpy.core.multiarray._reconstruct}.
     */
    TYPE
  }

  private final String module;
  private final String name;
  private final Role role;

  PyGlobal(String module, String name, Role role) {
    this.module = module;
    this.name = name;
    this.role = role;
  }

  Role role() {
    return role;
  }

  /** True for the omegaconf node classes, whose value is their {@code _val} attribute. */
  boolean isOmegaconfNode() {
    return module.equals("omegaconf.nodes");
  }

  @Override
  public String toString() {
    return module + "." + name;
  }

  /**
   * The allowed global {@code module.name}, or null. Protocol 2 spells builtins as Python 2's {@code __builtin__}
   * (with {@code long} and {@code unicode}); these are mapped as Python's own unpickler maps them. numpy before 2.0
   * pickles its {@code numpy._core.*} functions as {@code numpy.core.*}; both are accepted.
   */
  static PyGlobal find(String module, String name) {
    String m = module;
    String n = name;
    if (m.equals("__builtin__")) {
      m = "builtins";
      n = n.equals("long") ? "int" : n.equals("unicode") ? "str" : n;
    }
    if (m.equals(NumpyValues.LEGACY_MULTIARRAY)) {
      m = NumpyValues.MULTIARRAY;
    } else if (m.equals(NumpyValues.LEGACY_NUMERIC)) {
      m = NumpyValues.NUMERIC;
    }
    for (PyGlobal g : values()) {
      if (g.module.equals(m) && g.name.equals(n)) {
        return g;
      }
    }
    return null;
  }
}
