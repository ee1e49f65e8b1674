package io.modelmap.aggregator.api;

import io.modelmap.math.KlDivergence;
import io.modelmap.math.agreement.JudgeInflation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API answers computed from several views: the map, pairwise KL, the judge table. */
final class Analyses {
  private final ViewQueries views;
  private final ModelCatalog catalog;

  Analyses(ViewQueries views, ModelCatalog catalog) {
    this.views = views;
    this.catalog = catalog;
  }

  /** The map of one corpus (or of each, when several exist and none is named). */
  Object map(String corpus) {
    List<Map<String, Object>> all = views.all(Views.FRAMES);
    List<Map<String, Object>> frames = new ArrayList<>(all);
    frames.removeIf(f -> corpus != null && !corpus.equals(f.get("corpusId")));
    if (frames.isEmpty()) {
      throw new ApiError(404, corpus == null ? "no model is complete yet, so there is no map"
          : "no map for corpus '" + corpus + "'");
    }
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    catalog.models(all).forEach(m -> models.put((String) m.get("modelId"), m));
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Map<String, Object> frame : frames) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (Object p : (List<?>) frame.get("positions")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> point = new LinkedHashMap<>((Map<String, Object>) p);
        Map<String, Object> model = models.getOrDefault((String) point.get("modelId"), Map.of());
        for (String field : List.of("family", "modelType", "meanLogLikelihood", "accuracy")) {
          point.put(field, model.get(field));
        }
        points.add(point);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("corpusId", frame.get("corpusId"));
      map.put("modelCount", frame.get("modelCount"));
      map.put("mapMethod", frame.get("mapMethod"));
      map.put("meanTextBytes", frame.get("meanTextBytes"));
      map.put("points", points);
      maps.add(map);
    }
    return corpus != null || maps.size() == 1 ? maps.get(0) : maps;
  }

  /** KL between two complete models from their ξ rows (eq. 3), in nats per text and bits per byte. */
  Map<String, Object> kl(String a, String b) {
    if (a == null || b == null) {
      throw new ApiError(400, "pass both models: /api/kl?a=MODEL&b=MODEL");
    }
    Optional<Map<String, Object>> rowA = views.get(Views.COORDINATES, a);
    Optional<Map<String, Object>> rowB = views.get(Views.COORDINATES, b);
    if (rowA.isEmpty() || rowB.isEmpty()) {
      throw new ApiError(404, "no scores for model '" + (rowA.isEmpty() ? a : b) + "'");
    }
    if (!Boolean.TRUE.equals(rowA.get().get("complete")) || !Boolean.TRUE.equals(rowB.get().get("complete"))) {
      throw new ApiError(409, "both models must be completely scored; see /api/models/{id} for progress"
          + " and its provisional neighbours");
    }
    if (!rowA.get().get("corpusId").equals(rowB.get().get("corpusId"))) {
      throw new ApiError(409, "the models were scored on different corpora");
    }
    double klNats = KlDivergence.fromCoordinates(doubles(rowA.get().get("xi")), doubles(rowB.get().get("xi")));
    double meanBytes = views.get(Views.FRAMES, (String) rowA.get().get("corpusId"))
        .map(f -> ((Number) f.get("meanTextBytes")).doubleValue()).orElse(Double.NaN);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("a", a);
    body.put("b", b);
    body.put("corpusId", rowA.get().get("corpusId"));
    body.put("klNats", klNats);
    body.put("klBitsPerByte", KlDivergence.toBitsPerByte(klNats, meanBytes));
    return body;
  }

  /** The LLM-as-judge table: every other model's judged and true accuracy over the items both answered. */
  Map<String, Object> judge(String judge) {
    if (views.get(Views.ACCURACY, judge).isEmpty()) {
      throw new ApiError(404, "no answers of model '" + judge + "' have been aggregated");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> pair : views.all(Views.AGREEMENT)) {
      boolean first = judge.equals(pair.get("modelA"));
      if (first || judge.equals(pair.get("modelB"))) {
        JudgeInflation j = JudgeInflation.of(number(pair.get("items")), number(pair.get("same")),
            number(pair.get(first ? "correctB" : "correctA")));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("modelId", pair.get(first ? "modelB" : "modelA"));
        row.put("items", j.items());
        row.put("trueAccuracy", j.trueAccuracy());
        row.put("judgedAccuracy", j.judgedAccuracy());
        row.put("inflation", j.inflation());
        rows.add(row);
      }
    }
    rows.sort((x, y) -> ((String) x.get("modelId")).compareTo((String) y.get("modelId")));
    return Map.of("judge", judge, "models", rows);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static double[] doubles(Object list) {
    List<?> values = (List<?>) list;
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = ((Number) values.get(i)).doubleValue();
    }
    return array;
  }
}
