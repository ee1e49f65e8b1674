package io.modelmap.aggregator.prediction;

import io.modelmap.schemas.avro.ModelRegistered;
import java.util.Map;
import java.util.TreeMap;

/** A model's design factors as model-registered gives them (CPP §3.2); null where unknown. */
record ModelFacts(String family, String type, Long parameters, Map<String, String> labels) {
  static final ModelFacts UNKNOWN = new ModelFacts(null, null, null, Map.of());

  static ModelFacts of(ModelRegistered registered) {
    Map<String, String> labels = new TreeMap<>();
    registered.getLabels().forEach((k, v) -> labels.put(k.toString(), v.toString()));
    return new ModelFacts(text(registered.getFamily()), text(registered.getModelType()), registered.getParameterCount(),
        labels);
  }

  static String text(CharSequence value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
