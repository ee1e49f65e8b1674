package io.modelmap.aggregator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelmap.aggregator.api.body.FailureBody;
import io.modelmap.aggregator.api.body.ModelBody;
import io.modelmap.aggregator.api.body.NeighborBody;
import io.modelmap.aggregator.api.body.PartnerBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Assembles what the API says about models from the views: status, labels, progress, position, accuracy. */
final class ModelCatalog {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};
  private static final TypeReference<Long> LONG = new TypeReference<>() {};
  private static final TypeReference<Integer> INT = new TypeReference<>() {};
  private static final TypeReference<Double> DOUBLE = new TypeReference<>() {};
  private final ViewQueries views;

  ModelCatalog(ViewQueries views) {
    this.views = views;
  }

  /** Every model known from registration or from scores, by id. */
  List<ModelBody> models() {
    return models(views.all(Views.FRAMES));
  }

  /** The same, with positions from frames the caller already read. */
  List<ModelBody> models(List<Map<String, Object>> frames) {
    Map<String, Map<String, Object>> registered = byKey(views.all(Views.REGISTERED), "modelId");
    Map<String, Map<String, Object>> coordinates = byKey(views.all(Views.COORDINATES), "modelId");
    Map<String, Map<String, Object>> accuracy = byKey(views.all(Views.ACCURACY), "modelId");
    Map<String, Map<String, Object>> positions = positions(frames);
    Map<String, Map<String, Object>> failures = new TreeMap<>();
    for (Map<String, Object> failure : views.all(Views.FAILURES)) {
      failures.put(modelOf(failure), failure);
    }
    TreeSet<String> ids = new TreeSet<>(registered.keySet());
    ids.addAll(coordinates.keySet());
    ids.addAll(accuracy.keySet());
    List<ModelBody> models = new ArrayList<>();
    for (String id : ids) {
      models.add(summary(id, registered.get(id), coordinates.get(id), accuracy.get(id), positions.get(id),
          failures.get(id)));
    }
    return models;
  }

  Optional<ModelBody> model(String id) {
    Optional<Map<String, Object>> registered = views.get(Views.REGISTERED, id);
    Optional<Map<String, Object>> coordinates = views.get(Views.COORDINATES, id);
    Optional<Map<String, Object>> accuracy = views.get(Views.ACCURACY, id);
    if (registered.isEmpty() && coordinates.isEmpty() && accuracy.isEmpty()) {
      return Optional.empty();
    }
    ModelBody summary = summary(id, registered.orElse(null), coordinates.orElse(null), accuracy.orElse(null),
        positions(views.all(Views.FRAMES)).get(id), views.get(Views.FAILURES, id).orElse(null));
    Optional<Map<String, Object>> neighbors = views.get(Views.NEIGHBORS, id);
    return Optional.of(summary.withDetail(
        neighbors.map(n -> (Boolean) n.get("provisional")).orElse(null),
        BodyMapping.listOf(neighbors.map(n -> n.get("neighbors")).orElse(null), NeighborBody.class),
        accuracy.map(a -> BodyMapping.listOf(a.get("mostCorrelated"), PartnerBody.class)).orElse(null),
        accuracy.map(a -> BodyMapping.listOf(a.get("leastCorrelated"), PartnerBody.class)).orElse(null)));
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

  private static ModelBody summary(String id, Map<String, Object> registered, Map<String, Object> coordinates,
      Map<String, Object> accuracy, Map<String, Object> position, Map<String, Object> failure) {
    Map<String, Object> r = registered == null ? Map.of() : registered;
    Map<String, Object> c = coordinates == null ? Map.of() : coordinates;
    Map<String, Object> a = accuracy == null ? Map.of() : accuracy;
    Map<String, Object> p = position == null ? Map.of() : position;
    boolean complete = Boolean.TRUE.equals(c.get("complete"));
    String status = complete ? "complete" : coordinates != null ? "scoring" : "registered";
    // a model not complete whose task the workers gave up on is failed or refused, with the reason
    FailureBody failed = failure != null && !complete
        ? new FailureBody((String) failure.get("errorClass"), (String) failure.get("message")) : null;
    // refused: the scorer cannot score it at all (unsupported model_type, source outside the roots, dtype)
    String state = failed == null ? status : "source-refused".equals(failed.reason()) ? "refused" : "failed";
    return new ModelBody(id, state, (String) c.getOrDefault("corpusId", r.get("corpusId")),
        (String) r.get("family"), (String) r.get("modelType"), BodyMapping.as(r.get("parameterCount"), LONG),
        BodyMapping.as(r.get("labels"), LABELS), (String) r.get("sourceUri"), (String) r.get("revision"),
        BodyMapping.as(r.get("benchmarks"), IDS),
        BodyMapping.as(c.get("textsScored"), INT), BodyMapping.as(c.get("corpusSize"), INT),
        BodyMapping.as(c.get("meanLogLikelihood"), DOUBLE), BodyMapping.as(a.get("answered"), LONG),
        BodyMapping.as(a.get("accuracy"), DOUBLE), BodyMapping.as(p.get("x"), DOUBLE),
        BodyMapping.as(p.get("y"), DOUBLE), (String) p.get("primaryCategory"), failed, null, null, null, null);
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
