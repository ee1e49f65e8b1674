package io.modelmap.aggregator.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** Views held in memory, keyed as the topics key them, for the answers' tests. */
final class InMemoryViews implements ViewReader {
  private final Map<String, Map<String, SpecificRecord>> views = new HashMap<>();

  <V extends SpecificRecord> InMemoryViews put(View<V> view, Function<V, String> key, List<V> values) {
    Map<String, SpecificRecord> byKey = views.computeIfAbsent(view.store(), v -> new LinkedHashMap<>());
    values.forEach(value -> byKey.put(key.apply(value), value));
    return this;
  }

  @Override
  public <V extends SpecificRecord> Optional<V> get(View<V> view, String key) {
    return Optional.ofNullable(views.getOrDefault(view.store(), Map.of()).get(key)).map(view::cast);
  }

  @Override
  public <V extends SpecificRecord> List<V> all(View<V> view) {
    List<V> values = new ArrayList<>();
    views.getOrDefault(view.store(), Map.of()).values().forEach(value -> values.add(view.cast(value)));
    return values;
  }
}
