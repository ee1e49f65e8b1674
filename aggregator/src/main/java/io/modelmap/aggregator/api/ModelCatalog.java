package io.modelmap.aggregator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Assembles what the API says about models from the views: status, labels, progress, position, accuracy. */
final class ModelCatalog {
  private final ViewQueries views;

  ModelCatalog(ViewQueries views) {
    this.views = views;
  }

  /** Every model known from registration or from scores, by id. */
  List<Map<String, Object>> models() {
    return models(views.all(Views.FRAMES));
  }

  /** The same, with positions from frames the caller already read. */
  List<Map<String, Object>> models(List<Map<String, Object>> frames) {
    Map<String, Map<String, Object>> registered = byKey(views.all(Views.REGISTERED), "modelId");
    Map<String, Map<String, Object>> coordinates = byKey(views.all(Views.COORDINATES), "modelId");
    Map<String, Map<String, Object>> accuracy = byKey(views.all(Views.ACCURACY), "modelId");
    Map<String, Map<String, Object>> positions = positions(frames);
    Map<String, Map<String, Object>> failures = new TreeMap<>();
    for (Map<String, Object> failure : views.all(Views.FAILURES)) {
      failures.put(modelOf(failure), failure);
    }
    TreeMap<String, Boolean> ids = new TreeMap<>();
    registered.keySet().forEach(id -> ids.put(id, true));
    coordinates.keySet().forEach(id -> ids.put(id, true));
    accuracy.keySet().forEach(id -> ids.put(id, true));
    List<Map<String, Object>> models = new ArrayList<>();
    for (String id : ids.keySet()) {
      models.add(withFailure(summary(id, registered.get(id), coordinates.get(id), accuracy.get(id), positions.get(id)),
          failures.get(id)));
    }
    return models;
  }

  Optional<Map<String, Object>> model(String id) {
    Optional<Map<String, Object>> registered = views.get(Views.REGISTERED, id);
    Optional<Map<String, Object>> coordinates = views.get(Views.COORDINATES, id);
    Optional<Map<String, Object>> accuracy = views.get(Views.ACCURACY, id);
    if (registered.isEmpty() && coordinates.isEmpty() && accuracy.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> summary = withFailure(summary(id, registered.orElse(null), coordinates.orElse(null),
        accuracy.orElse(null), positions(views.all(Views.FRAMES)).get(id)), views.get(Views.FAILURES, id).orElse(null));
    views.get(Views.NEIGHBORS, id).ifPresent(n -> {
      summary.put("neighborsProvisional", n.get("provisional"));
      summary.put("neighbors", n.get("neighbors"));
    });
    summary.putIfAbsent("neighbors", List.of());
    accuracy.ifPresent(a -> {
      summary.put("mostCorrelated", a.get("mostCorrelated"));
      summary.put("leastCorrelated", a.get("leastCorrelated"));
    });
    return Optional.of(summary);
  }

  /** Model id → {x, y, primaryCategory}, from every corpus's frame. */
  private static Map<String, Map<String, Object>> positions(List<Map<String, Object>> frames) {
    Map<String, Map<String, Object>> positions = new TreeMap<>();
    for (Map<String, Object> frame : frames) {
      for (Object p : (List<?>) frame.getOrDefault("positions", List.of())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> position = (Map<String, Object>) p;
        positions.put((String) position.get("modelId"), position);
      }
    }
    return positions;
  }

  private static Map<String, Object> summary(String id, Map<String, Object> registered, Map<String, Object> coordinates,
      Map<String, Object> accuracy, Map<String, Object> position) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("modelId", id);
    boolean complete = coordinates != null && Boolean.TRUE.equals(coordinates.get("complete"));
    s.put("status", complete ? "complete" : coordinates != null ? "scoring" : "registered");
    if (registered != null) {
      for (String field : List.of("corpusId", "family", "modelType", "parameterCount", "labels", "sourceUri", "benchmarks")) {
        s.put(field, registered.get(field));
      }
    }
    if (coordinates != null) {
      s.put("corpusId", coordinates.get("corpusId"));
      s.put("textsScored", coordinates.get("textsScored"));
      s.put("corpusSize", coordinates.get("corpusSize"));
      s.put("meanLogLikelihood", coordinates.get("meanLogLikelihood"));
    }
    if (accuracy != null) {
      s.put("answered", accuracy.get("answered"));
      s.put("accuracy", accuracy.get("accuracy"));
    }
    if (position != null) {
      s.put("x", position.get("x"));
      s.put("y", position.get("y"));
      s.put("primaryCategory", position.get("primaryCategory"));
    }
    return s;
  }

  /** A model not complete whose task the workers gave up on is failed, with the reason. */
  private static Map<String, Object> withFailure(Map<String, Object> summary, Map<String, Object> failure) {
    if (failure != null && !"complete".equals(summary.get("status"))) {
      summary.put("status", "failed");
      summary.put("failure", Map.of("reason", failure.get("errorClass"), "message", failure.get("message")));
    }
    return summary;
  }

  /** The model a score-task dead letter is about: its key is the model id. */
  private static String modelOf(Map<String, Object> deadLetter) {
    Object key = deadLetter.get("originalKey");
    return key == null ? "" : key.toString();
  }

  private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> values, String field) {
    Map<String, Map<String, Object>> byKey = new TreeMap<>();
    values.forEach(v -> byKey.put((String) v.get(field), v));
    return byKey;
  }
}
