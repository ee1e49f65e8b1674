package io.modelmap.scorer.model;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle interpreter that runs nothing: it knows the opcodes {@code torch.save} writes (protocol 2,
 * plus the few inert ones protocols 3 and 4 add) and builds plain Java values: {@code null}, Boolean,
 * Long, Double, String, byte[], {@link Tuple}, ArrayList, LinkedHashMap. Every global, call,
 * persistent id and BUILD goes to {@link Globals}, an allowlist that returns inert values or refuses;
 * there is no reflection and no class lookup by name. Opcodes that only arbitrary objects need (INST,
 * OBJ, NEWOBJ, EXT*, the text opcodes of protocol 0) are refused.
 */
final class RestrictedUnpickler {
  /** What the pickle's globals may be; each method returns inert values or throws IllegalArgumentException. */
  interface Globals {
    /** The token a GLOBAL {@code module.name} pushes; anything not allowed is refused here. */
    Object global(String module, String name);

    /** REDUCE: {@code callable(*args)}, for a callable that {@link #global} returned. */
    Object reduce(Object callable, Tuple args);

    /** BINPERSID: what the persistent id refers to. */
    Object persistentLoad(Object pid);

    /** BUILD: {@code target.__setstate__(state)}, or a refusal. */
    void build(Object target, Object state);
  }

  /** A Python tuple: immutable, may hold nulls; APPEND and SETITEM refuse it. */
  record Tuple(List<Object> items) {
    static Tuple of(List<Object> items) {
      return new Tuple(Collections.unmodifiableList(new ArrayList<>(items)));
    }

    int size() {
      return items.size();
    }

    Object get(int i) {
      return items.get(i);
    }
  }

  /**
   * Each opcode keeps at most one new object alive, so capping them caps the memory a hostile pickle
   * can take (about 300 MB); a state dict of 40,000 tensors runs about 1.2 million.
   */
  static final int MAX_OPCODES = 8_000_000;

  private final byte[] pickle;
  private final Globals globals;
  private final Map<Long, Object> memo = new HashMap<>();
  private final Deque<ArrayList<Object>> marks = new ArrayDeque<>();
  private ArrayList<Object> stack = new ArrayList<>();
  private int position;
  private int opcodeStart;
  private int opcodes;

  private RestrictedUnpickler(byte[] pickle, Globals globals) {
    this.pickle = pickle;
    this.globals = globals;
  }

  /** The value the pickle describes; any refusal or corruption is one line naming {@code source}. */
  static Object load(byte[] pickle, Globals globals, String source) throws IOException {
    RestrictedUnpickler unpickler = new RestrictedUnpickler(pickle, globals);
    try {
      return unpickler.run();
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage());
    }
  }

  private Object run() {
    while (true) {
      opcodeStart = position;
      if (++opcodes > MAX_OPCODES) {
        throw new IllegalArgumentException("the pickle runs more than " + MAX_OPCODES + " opcodes; a state dict"
            + " needs far fewer");
      }
      int opcode = u8();
      switch (opcode) {
        case 0x80 -> u8(); // PROTO: the version changes nothing we do
        case 0x95 -> bytes(8); // FRAME: a length prefix, the frame's opcodes simply follow
        case 0x2e -> { // STOP
          if (!marks.isEmpty()) {
            throw corrupt("STOP inside an open MARK");
          }
          return pop();
        }
        case 0x28 -> { // MARK
          marks.push(stack);
          stack = new ArrayList<>();
        }
        case 0x30 -> pop(); // POP
        case 0x31 -> popMark(); // POP_MARK
        case 0x32 -> push(peek()); // DUP
        case 0x4e -> push(null); // NONE
        case 0x88 -> push(Boolean.TRUE); // NEWTRUE
        case 0x89 -> push(Boolean.FALSE); // NEWFALSE
        case 0x4a -> push((long) littleEndian(4).getInt()); // BININT: signed 32-bit
        case 0x4b -> push((long) u8()); // BININT1: unsigned 8-bit
        case 0x4d -> push((long) (littleEndian(2).getShort() & 0xFFFF)); // BININT2: unsigned 16-bit
        case 0x8a -> push(decodeLong(u8())); // LONG1
        case 0x8b -> push(decodeLong(length(littleEndian(4).getInt()))); // LONG4
        case 0x47 -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT
        case 0x58 -> push(utf8(length(littleEndian(4).getInt()))); // BINUNICODE
        case 0x8c -> push(utf8(u8())); // SHORT_BINUNICODE
        case 0x54 -> push(utf8(length(littleEndian(4).getInt()))); // BINSTRING (a Python 2 str)
        case 0x55 -> push(utf8(u8())); // SHORT_BINSTRING
        case 0x42 -> push(bytes(length(littleEndian(4).getInt()))); // BINBYTES
        case 0x43 -> push(bytes(u8())); // SHORT_BINBYTES
        case 0x29 -> push(Tuple.of(List.of())); // EMPTY_TUPLE
        case 0x74 -> push(Tuple.of(popMark())); // TUPLE
        case 0x85 -> push(Tuple.of(popN(1))); // TUPLE1
        case 0x86 -> push(Tuple.of(popN(2))); // TUPLE2
        case 0x87 -> push(Tuple.of(popN(3))); // TUPLE3
        case 0x5d -> push(new ArrayList<>()); // EMPTY_LIST
        case 0x7d -> push(new LinkedHashMap<>()); // EMPTY_DICT
        case 0x61 -> { // APPEND
          Object item = pop();
          list(peek()).add(item);
        }
        case 0x65 -> { // APPENDS
          List<Object> items = popMark();
          list(peek()).addAll(items);
        }
        case 0x73 -> { // SETITEM
          Object value = pop();
          Object key = pop();
          dict(peek()).put(key, value);
        }
        case 0x75 -> { // SETITEMS
          List<Object> items = popMark();
          if (items.size() % 2 != 0) {
            throw corrupt("SETITEMS with an odd number of items");
          }
          Map<Object, Object> dict = dict(peek());
          for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
          }
        }
        case 0x63 -> push(globals.global(line(), line())); // GLOBAL: two newline-terminated names
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop();
          Object module = pop();
          if (!(module instanceof String m) || !(name instanceof String n)) {
            throw corrupt("STACK_GLOBAL without two strings");
          }
          push(globals.global(m, n));
        }
        case 0x52 -> { // REDUCE
          Object args = pop();
          if (!(args instanceof Tuple tuple)) {
            throw corrupt("REDUCE with arguments that are not a tuple");
          }
          push(globals.reduce(pop(), tuple));
        }
        case 0x62 -> { // BUILD
          Object state = pop();
          globals.build(peek(), state);
        }
        case 0x51 -> push(globals.persistentLoad(pop())); // BINPERSID
        case 0x68 -> push(memoGet(u8())); // BINGET
        case 0x6a -> push(memoGet(littleEndian(4).getInt() & 0xFFFFFFFFL)); // LONG_BINGET
        case 0x71 -> memo.put((long) u8(), peek()); // BINPUT
        case 0x72 -> memo.put(littleEndian(4).getInt() & 0xFFFFFFFFL, peek()); // LONG_BINPUT
        case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
        default -> throw new IllegalArgumentException(String.format(
            "pickle opcode 0x%02x at byte %d is not one a weights-only checkpoint uses; refused", opcode, opcodeStart));
      }
    }
  }

  private void push(Object value) {
    stack.add(value);
  }

  private Object pop() {
    if (stack.isEmpty()) {
      throw corrupt("stack underflow");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() {
    if (stack.isEmpty()) {
      throw corrupt("stack underflow");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popN(int n) {
    if (stack.size() < n) {
      throw corrupt("stack underflow");
    }
    List<Object> top = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
    stack.subList(stack.size() - n, stack.size()).clear();
    return top;
  }

  /** The items pushed since the last MARK (Python keeps them in a fresh stack). */
  private List<Object> popMark() {
    if (marks.isEmpty()) {
      throw corrupt("no MARK to pop to");
    }
    List<Object> items = stack;
    stack = marks.pop();
    return items;
  }

  private Object memoGet(long index) {
    if (!memo.containsKey(index)) {
      throw corrupt("memo entry " + index + " read before it was written");
    }
    return memo.get(index);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object target) {
    if (!(target instanceof ArrayList<?>)) {
      throw new IllegalArgumentException(
          "APPEND to an object of type " + typeName(target) + " is refused; only lists take items");
    }
    return (List<Object>) target;
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> dict(Object target) {
    if (!(target instanceof LinkedHashMap<?, ?>)) {
      throw new IllegalArgumentException(
          "SETITEM on an object of type " + typeName(target) + " is refused; only dicts take items");
    }
    return (Map<Object, Object>) target;
  }

  /** A short Python-like name of a value's type, for messages (never the value itself). */
  static String typeName(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Tuple) {
      return "tuple";
    }
    if (value instanceof ArrayList<?>) {
      return "list";
    }
    if (value instanceof Map<?, ?>) {
      return "dict";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Long) {
      return "int";
    }
    return value.getClass().getSimpleName();
  }

  private int u8() {
    return bytes(1)[0] & 0xFF;
  }

  private ByteBuffer littleEndian(int n) {
    return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A signed 32-bit length, checked against what is left before anything is allocated. */
  private int length(int claimed) {
    if (claimed < 0 || claimed > pickle.length - position) {
      throw corrupt("a length of " + claimed + " runs past the end of the pickle");
    }
    return claimed;
  }

  private byte[] bytes(int n) {
    if (n > pickle.length - position) {
      throw corrupt("truncated pickle");
    }
    byte[] out = Arrays.copyOfRange(pickle, position, position + n);
    position += n;
    return out;
  }

  private String utf8(int n) {
    return new String(bytes(n), StandardCharsets.UTF_8);
  }

  /** A GLOBAL operand: ASCII up to a newline, at most 256 bytes. */
  private String line() {
    int end = position;
    while (end < pickle.length && pickle[end] != '\n' && end - position < 256) {
      end++;
    }
    if (end >= pickle.length || pickle[end] != '\n') {
      throw corrupt("a GLOBAL name without its newline");
    }
    String text = new String(pickle, position, end - position, StandardCharsets.UTF_8);
    position = end + 1;
    return text;
  }

  /** LONG1/LONG4: little-endian two's complement; the values a state dict holds fit 64 bits. */
  private Object decodeLong(int n) {
    byte[] little = bytes(n);
    if (n == 0) {
      return 0L;
    }
    if (n > 8) {
      throw corrupt("an integer of " + n + " bytes");
    }
    byte[] big = new byte[n];
    for (int i = 0; i < n; i++) {
      big[i] = little[n - 1 - i];
    }
    return new BigInteger(big).longValue();
  }

  private IllegalArgumentException corrupt(String what) {
    return new IllegalArgumentException("corrupt pickle (" + what + " at byte " + opcodeStart + ")");
  }
}
