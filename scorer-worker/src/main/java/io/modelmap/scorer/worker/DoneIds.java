package io.modelmap.scorer.worker;

import io.modelmap.schemas.key.CompositeKey;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which ids each model has results for, per scope (a corpus's texts, a benchmark's items, a model's
 * prompts). Each id gets one ordinal per scope and each (model, scope) one bit per ordinal, so the
 * index costs O(ids) plus O(models × ids / 8) bytes: about 1.3 MB for 1,000 models over 10,000 texts,
 * where a set of id strings per model would cost a hundred times that.
 */
final class DoneIds {
  private final Map<String, Map<String, Integer>> ordinals = new HashMap<>();
  private final Map<String, BitSet> done = new HashMap<>();

  /** {@code model} has a result for {@code id} in {@code scope}. */
  void mark(String model, String scope, String id) {
    Map<String, Integer> ids = ordinals.computeIfAbsent(scope, s -> new HashMap<>());
    Integer ordinal = ids.get(id);
    if (ordinal == null) {
      ordinal = ids.size();
      ids.put(id, ordinal);
    }
    done.computeIfAbsent(CompositeKey.of(model, scope), k -> new BitSet()).set(ordinal);
  }

  /** The ids of {@code ids} that {@code model} has no result for in {@code scope}, in their order. */
  List<String> missing(String model, String scope, List<String> ids) {
    BitSet bits = done.get(CompositeKey.of(model, scope));
    if (bits == null) {
      return ids;
    }
    Map<String, Integer> known = ordinals.get(scope);
    return ids.stream().filter(id -> {
      Integer ordinal = known.get(id);
      return ordinal == null || !bits.get(ordinal);
    }).toList();
  }
}
