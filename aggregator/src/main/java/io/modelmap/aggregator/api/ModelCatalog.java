package io.modelmap.aggregator.api;

import static io.modelmap.schemas.topic.DeadLetterReason.SOURCE_REFUSED;

import io.modelmap.aggregator.api.body.FailureBody;
import io.modelmap.aggregator.api.body.ModelBody;
import io.modelmap.aggregator.api.body.NeighborBody;
import io.modelmap.aggregator.api.body.PartnerBody;
import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Assembles what the API says about models from the views: status, labels, progress, position, accuracy. */
final class ModelCatalog {
  private final ViewReader views;

  ModelCatalog(ViewReader views) {
    this.views = views;
  }

  /** Every model known from registration or from scores, by id. */
  List<ModelBody> models() {
    return models(views.all(Views.FRAMES));
  }

  /** The same, with positions from frames the caller already read. */
  List<ModelBody> models(List<CoordinateFrame> frames) {
    Map<String, ModelRegistered> registered = byId(views.all(Views.REGISTERED), ModelRegistered::getModelId);
    Map<String, ModelCoordinates> coordinates = byId(views.all(Views.COORDINATES), ModelCoordinates::getModelId);
    Map<String, ModelAccuracy> accuracy = byId(views.all(Views.ACCURACY), ModelAccuracy::getModelId);
    Map<String, ModelPosition> positions = positions(frames);
    Map<String, DeadLetter> failures = byId(views.all(Views.FAILURES), ModelCatalog::modelOf);
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
    Optional<ModelRegistered> registered = views.get(Views.REGISTERED, id);
    Optional<ModelCoordinates> coordinates = views.get(Views.COORDINATES, id);
    Optional<ModelAccuracy> accuracy = views.get(Views.ACCURACY, id);
    if (registered.isEmpty() && coordinates.isEmpty() && accuracy.isEmpty()) {
      return Optional.empty();
    }
    ModelBody summary = summary(id, registered.orElse(null), coordinates.orElse(null), accuracy.orElse(null),
        positions(views.all(Views.FRAMES)).get(id), views.get(Views.FAILURES, id).orElse(null));
    Optional<NeighborList> neighbors = views.get(Views.NEIGHBORS, id);
    return Optional.of(summary.withDetail(
        neighbors.map(NeighborList::getProvisional).orElse(null),
        neighbors.map(n -> n.getNeighbors().stream().map(BodyMapping::neighbor).toList())
            .orElse(List.<NeighborBody>of()),
        accuracy.map(a -> partners(a.getMostCorrelated())).orElse(null),
        accuracy.map(a -> partners(a.getLeastCorrelated())).orElse(null)));
  }

  /** Model id → its position, from every corpus's frame. */
  private static Map<String, ModelPosition> positions(List<CoordinateFrame> frames) {
    Map<String, ModelPosition> positions = new TreeMap<>();
    for (CoordinateFrame frame : frames) {
      frame.getPositions().forEach(position -> positions.put(position.getModelId(), position));
    }
    return positions;
  }

  private static ModelBody summary(String id, ModelRegistered r, ModelCoordinates c, ModelAccuracy a,
      ModelPosition p, DeadLetter failure) {
    boolean complete = c != null && c.getComplete();
    String status = complete ? "complete" : c != null ? "scoring" : "registered";
    // a model not complete whose task the workers gave up on is failed or refused, with the reason
    FailureBody failed = failure != null && !complete
        ? new FailureBody(failure.getErrorClass(), failure.getMessage()) : null;
    // refused: the scorer cannot score it at all (unsupported model_type, source outside the roots, dtype)
    String state = failed == null ? status : SOURCE_REFUSED.code().equals(failed.reason()) ? "refused" : "failed";
    return new ModelBody(id, state, c != null ? c.getCorpusId() : r != null ? r.getCorpusId() : null,
        r == null ? null : r.getFamily(), r == null ? null : r.getModelType(), r == null ? null : r.getParameterCount(),
        r == null ? null : r.getLabels(), r == null ? null : r.getSourceUri(), r == null ? null : r.getRevision(),
        r == null ? null : r.getBenchmarks(),
        c == null ? null : c.getTextsScored(), c == null ? null : c.getCorpusSize(),
        c == null ? null : BodyMapping.finite(c.getMeanLogLikelihood()), a == null ? null : a.getAnswered(),
        a == null ? null : BodyMapping.finite(a.getAccuracy()), p == null ? null : BodyMapping.finite(p.getX()),
        p == null ? null : BodyMapping.finite(p.getY()), p == null ? null : p.getPrimaryCategory(), failed,
        null, null, null, null);
  }

  private static List<PartnerBody> partners(List<AgreementPartner> partners) {
    return partners.stream().map(BodyMapping::partner).toList();
  }

  /** The model a score-task dead letter is about: its key is the model id. */
  private static String modelOf(DeadLetter deadLetter) {
    return deadLetter.getOriginalKey() == null ? ""
        : StandardCharsets.UTF_8.decode(deadLetter.getOriginalKey().duplicate()).toString();
  }

  private static <V> Map<String, V> byId(List<V> values, Function<V, String> id) {
    Map<String, V> byId = new TreeMap<>();
    values.forEach(v -> byId.put(id.apply(v), v));
    return byId;
  }
}
