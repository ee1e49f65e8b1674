package io.modelmap.scorer.model;

import io.modelmap.scorer.model.RestrictedUnpickler.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The allowlist of {@code torch.load(weights_only=True)}, cut to what a state dict of dense tensors
 * needs: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} and
 * {@code _rebuild_parameter}, the typed storage classes, and persistent ids of storages. Each allowed
 * global stands for a fixed Java action below; any other name (for example {@code posix.system} or
 * {@code builtins.eval}) is refused as soon as the pickle names it, so nothing it would do can happen.
 */
final class WeightsOnlyGlobals implements RestrictedUnpickler.Globals {
  /** The callables we allow, as inert tokens on the pickle's stack. */
  private enum Callable {
    ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_PARAMETER
  }

  /** A dict made by {@code OrderedDict()}: the one thing BUILD may set attributes on (Hugging Face's _metadata). */
  static final class OrderedDict extends LinkedHashMap<Object, Object> {}

  private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  @Override
  public Object global(String module, String name) {
    String fullName = printable(("__builtin__".equals(module) ? "builtins" : module) + "." + name); // Python 2 spelling
    switch (fullName) {
      case "collections.OrderedDict":
        return Callable.ORDERED_DICT;
      case "torch._utils._rebuild_tensor_v2":
        return Callable.REBUILD_TENSOR_V2;
      case "torch._utils._rebuild_parameter":
        return Callable.REBUILD_PARAMETER;
      default:
        if (module.equals("torch")) {
          var storage = TorchStorageType.ofClassName(name);
          if (storage.isPresent()) {
            return storage.get();
          }
        }
        throw new IllegalArgumentException("refused global " + fullName + " (a weights-only checkpoint may name"
            + " only OrderedDict, tensor rebuilds and torch storage types); nothing in the file was run");
    }
  }

  /** The name as it can be shown on one line (control characters become '?'). */
  private static String printable(String name) {
    return name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  @Override
  public Object reduce(Object callable, Tuple args) {
    if (!(callable instanceof Callable c)) {
      throw new IllegalArgumentException("a pickle calls an object of type " + RestrictedUnpickler.typeName(callable)
          + "; only OrderedDict and tensor rebuilds may be called");
    }
    return switch (c) {
      case ORDERED_DICT -> {
        if (args.size() != 0) {
          throw new IllegalArgumentException("OrderedDict is called with arguments; torch.save passes none");
        }
        yield new OrderedDict();
      }
      case REBUILD_TENSOR_V2 -> rebuildTensor(args);
      case REBUILD_PARAMETER -> {
        if (args.size() != 3 || !(args.get(0) instanceof TorchTensorView tensor)) {
          throw new IllegalArgumentException("_rebuild_parameter takes (tensor, requires_grad, hooks)");
        }
        yield tensor; // a Parameter's data is all a scorer reads
      }
    };
  }

  /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
  private static TorchTensorView rebuildTensor(Tuple args) {
    if (args.size() < 6 || args.size() > 7 || !(args.get(0) instanceof TorchStorage storage)
        || !(args.get(1) instanceof Long offset) || !(args.get(4) instanceof Boolean)) {
      throw new IllegalArgumentException(
          "_rebuild_tensor_v2 takes (storage, offset, size, stride, requires_grad, hooks[, metadata])");
    }
    if (!(args.get(5) instanceof Map<?, ?> hooks) || !hooks.isEmpty()) {
      throw new IllegalArgumentException("a tensor is saved with backward hooks; a weights-only checkpoint has none");
    }
    return TorchTensorView.of(storage, offset, longs(args.get(2), "size"), longs(args.get(3), "stride"));
  }

  private static long[] longs(Object value, String what) {
    if (!(value instanceof Tuple tuple)) {
      throw new IllegalArgumentException("a tensor's " + what + " is of type " + RestrictedUnpickler.typeName(value)
          + ", not a tuple");
    }
    long[] out = new long[tuple.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(tuple.get(i) instanceof Long n)) {
        throw new IllegalArgumentException(
            "a tensor's " + what + " holds a value of type " + RestrictedUnpickler.typeName(tuple.get(i)));
      }
      out[i] = n;
    }
    return out;
  }

  /** {@code ('storage', storage_type, key, location, numel)}, as torch.save writes each storage once. */
  @Override
  public Object persistentLoad(Object pid) {
    if (!(pid instanceof Tuple t) || t.size() != 5 || !"storage".equals(t.get(0))
        || !(t.get(1) instanceof TorchStorageType type) || !(t.get(2) instanceof String key)
        || !(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel)) {
      throw new IllegalArgumentException(
          "a persistent id is not ('storage', storage_type, key, location, numel); only storages may be loaded");
    }
    if (!STORAGE_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a storage has the key '" + key + "', which is not a plain record name");
    }
    return new TorchStorage(key, type, numel);
  }

  @Override
  public void build(Object target, Object state) {
    if (!(target instanceof OrderedDict) || !(state instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("BUILD of an object of type " + RestrictedUnpickler.typeName(target)
          + " is refused; only an OrderedDict's attributes may be set");
    }
    // the attributes (Hugging Face's per-module _metadata versions) are not needed to read tensors
  }
}
