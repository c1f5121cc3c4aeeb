// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A restricted unpickler for the binary opcodes of pickle protocols 2 to 5 that {@code torch.save} emits. Globals
 * are checked against {@link PyGlobal} the moment they are named, calls build plain data ({@link Reductions}), and
 * persistent ids resolve to the archive's storages. The result still holds mutable Python-like values;
 * {@link Freezer} turns it into the public tree.
 */
final class Unpickler {
  private static final int HIGHEST_PROTOCOL = 5;

  private final PickleInput in;
  private final Function<String, ByteBuffer> storageBytes;
  private final PickleStack stack = new PickleStack();
  private final Map<Long, Object> memo = new HashMap<>();

  /** {@code storageBytes} returns the raw bytes of archive entry {@code data/<key>}. */
  Unpickler(byte[] pickle, Function<String, ByteBuffer> storageBytes) {
    this.in = new PickleInput(pickle);
    this.storageBytes = storageBytes;
  }

  /** Runs the pickle to its STOP and returns the value it leaves. */
  Object load() {
    while (true) {
      int at = in.position();
      int op = in.u8();
      if (op == '.') {
        Object result = pop();
        if (!stack.isEmpty()) {
          throw new PickleError("STOP at byte %d leaves %d values on the stack", at, stack.size());
        }
        return result;
      }
      if (!dataOp(op) && !containerOp(op) && !fillOp(op) && !objectOp(op)) {
        throw new PickleError("unsupported pickle opcode 0x%02x at byte %d", op, at);
      }
    }
  }

  /** Framing, memo and scalar opcodes; false if {@code op} is none of them. */
  private boolean dataOp(int op) {
    switch (op) {
      case 0x80 -> {
        int protocol = in.u8();
        if (protocol < 2 || protocol > HIGHEST_PROTOCOL) {
          throw new PickleError("pickle protocol %d is not supported (2 to %d are)", protocol, HIGHEST_PROTOCOL);
        }
      }
      case 0x95 -> in.u64(); // FRAME: the length only helps buffered readers
      case 'q' -> memo.put((long) in.u8(), top());
      case 'r' -> memo.put(in.u32(), top());
      case 0x94 -> memo.put((long) memo.size(), top());
      case 'h' -> push(recall(in.u8()));
      case 'j' -> push(recall(in.u32()));
      case 'N' -> push(null);
      case 0x88 -> push(Boolean.TRUE);
      case 0x89 -> push(Boolean.FALSE);
      case 'K' -> push((long) in.u8());
      case 'M' -> push((long) in.u16());
      case 'J' -> push((long) in.i32());
      case 0x8a -> push(integer(in.signedLittleEndian(in.u8())));
      case 0x8b -> push(integer(in.signedLittleEndian(in.i32())));
      case 'G' -> push(in.f64be());
      case 'X' -> push(in.utf8(in.u32()));
      case 0x8c -> push(in.utf8(in.u8()));
      case 0x8d -> push(in.utf8(in.u64()));
      case 'C' -> push(in.bytes(in.u8()));
      case 'B' -> push(in.bytes(in.u32()));
      case 0x8e, 0x96 -> push(in.bytes(in.u64()));
      case '0' -> pop();
      case '2' -> push(top());
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Opcodes that make tuples, lists, dicts and sets; false if {@code op} is none of them. */
  private boolean containerOp(int op) {
    switch (op) {
      case '(' -> stack.mark();
      case '1' -> popMark();
      case ')' -> push(PyTuple.EMPTY);
      case 0x85 -> push(PyTuple.of(pop()));
      case 0x86 -> {
        Object b = pop();
        push(PyTuple.of(pop(), b));
      }
      case 0x87 -> {
        Object c = pop();
        Object b = pop();
        push(PyTuple.of(pop(), b, c));
      }
      case 't' -> push(new PyTuple(Collections.unmodifiableList(popMark())));
      case ']' -> push(new ArrayList<Object>());
      case '}' -> push(new LinkedHashMap<Object, Object>());
      case 0x8f -> push(new LinkedHashSet<Object>());
      case 0x91 -> {
        List<Object> items = popMark();
        push(new LinkedHashSet<Object>());
        stack.addToTopSet(items);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Opcodes that add to the list, dict or set on top of the stack; false if {@code op} is none of them. */
  private boolean fillOp(int op) {
    switch (op) {
      case 'a' -> {
        Object v = pop();
        stack.topList().add(v);
      }
      case 'e' -> {
        List<Object> items = popMark();
        stack.topList().addAll(items);
      }
      case 's' -> {
        Object v = pop();
        stack.putIntoTop(pop(), v);
      }
      case 'u' -> setItems(popMark());
      case 0x90 -> stack.addToTopSet(popMark());
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Opcodes that name globals, call them, instantiate or build objects; false if {@code op} is none of them. */
  private boolean objectOp(int op) {
    switch (op) {
      case 'c' -> push(global(in.line(), in.line()));
      case 0x93 -> {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
          throw new PickleError("STACK_GLOBAL needs two strings, got a %s and a %s",
              Reductions.describe(module), Reductions.describe(name));
        }
        push(global(m, n));
      }
      case 'i' -> {
        global(in.line(), in.line());
        throw new PickleError("the protocol 0 INST opcode is not supported");
      }
      case 'R' -> {
        PyTuple args = Reductions.as(PyTuple.class, pop(), "the argument of REDUCE");
        push(Reductions.call(role(pop(), PyGlobal.Role.FUNCTION, "called"), args));
      }
      case 0x81 -> {
        Object args = pop();
        push(instantiate(pop(), args, null));
      }
      case 0x92 -> {
        Object kwargs = pop();
        Object args = pop();
        push(instantiate(pop(), args, kwargs));
      }
      case 'b' -> {
        Object state = pop();
        Reductions.as(Buildable.class, top(), "the target of BUILD").build(state);
      }
      case 'Q' -> push(persistentLoad(pop()));
      default -> {
        return false;
      }
    }
    return true;
  }

  private Object global(String module, String name) {
    PyGlobal g = PyGlobal.find(module, name);
    if (g != null) {
      return g;
    }
    TorchDtype storage = module.equals("torch") ? TorchDtype.forStorageClass(name) : null;
    if (storage != null) {
      return storage;
    }
    if (module.equals("torch") && name.endsWith("Storage")) {
      throw new PickleError("tensors of torch.%s are not supported; the supported element types are %s",
          RefusedGlobal.printable(name), java.util.Arrays.toString(TorchDtype.values()));
    }
    throw new RefusedGlobal(module, name);
  }

  /** NEWOBJ(_EX): {@code cls.__new__(cls)} for an allowed class, which takes no arguments. */
  private static PyInstance instantiate(Object cls, Object args, Object kwargs) {
    PyGlobal type = role(cls, PyGlobal.Role.CLASS, "instantiated");
    boolean noArgs = args instanceof PyTuple t && t.size() == 0;
    boolean noKwargs = kwargs == null || (kwargs instanceof Map<?, ?> k && k.isEmpty());
    if (!noArgs || !noKwargs) {
      throw new PickleError("%s is instantiated with arguments", type);
    }
    return new PyInstance(type);
  }

  private static PyGlobal role(Object o, PyGlobal.Role role, String verb) {
    if (!(o instanceof PyGlobal g) || g.role() != role) {
      throw new PickleError("a %s cannot be %s", Reductions.describe(o), verb);
    }
    return g;
  }

  /** BINPERSID: torch's {@code ('storage', torch.<Type>Storage, key, location, numel)}. */
  private Storage persistentLoad(Object pid) {
    PyTuple t = Reductions.as(PyTuple.class, pid, "a persistent id");
    if (t.size() != 5 || !"storage".equals(t.get(0)) || !(t.get(1) instanceof TorchDtype dtype)) {
      throw new PickleError("persistent id (a tuple of %d items) is not a torch storage reference", t.size());
    }
    String key = Reductions.as(String.class, t.get(2), "a storage key");
    Reductions.as(String.class, t.get(3), "a storage location");
    long numel = Reductions.integer(t.get(4), "a storage size");
    return new Storage(key, dtype, numel, storageBytes.apply(key));
  }

  private void setItems(List<Object> items) {
    if (items.size() % 2 != 0) {
      throw new PickleError("SETITEMS with an odd number (%d) of keys and values", items.size());
    }
    for (int i = 0; i < items.size(); i += 2) {
      stack.putIntoTop(items.get(i), items.get(i + 1));
    }
  }

  private Object recall(long index) {
    if (!memo.containsKey(index)) {
      throw new PickleError("memo entry %d is read before it is written", index);
    }
    return memo.get(index);
  }

  private static Object integer(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private void push(Object o) {
    stack.push(o);
  }

  private Object top() {
    return stack.top();
  }

  private Object pop() {
    return stack.pop();
  }

  private List<Object> popMark() {
    return stack.popMark();
  }
}
