package io.modelmap.aggregator.api;

import io.modelmap.aggregator.api.body.LineageBody;
import io.modelmap.aggregator.api.body.ResponseSimilarityBody;
import io.modelmap.math.responses.Lineage;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.math.responses.ResponseSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The response view beside the KL view: every pair's response similarity, and each model's lineage. */
final class LineageAnswers {
  private final ViewReader views;

  LineageAnswers(ViewReader views) {
    this.views = views;
  }

  /** Every pair that shares a prompt, by pair. */
  List<ResponseSimilarityBody> similarity() {
    List<ResponseSimilarityBody> all = new ArrayList<>(views.all(Views.RESPONSE_SIMILARITY).stream()
        .map(BodyMapping::similarity).toList());
    all.sort(Comparator.comparing(ResponseSimilarityBody::modelA).thenComparing(ResponseSimilarityBody::modelB));
    return all;
  }

  /** Each model's {@code k} nearest by KL and by ROUGE-L, and the models in both (in KL order). */
  List<LineageBody> lineage(int k) {
    Map<String, List<String>> byKl = new HashMap<>();
    for (NeighborList list : views.all(Views.NEIGHBORS)) {
      byKl.put(list.getModelId(), list.getNeighbors().stream().map(NeighborEntry::getModelId).toList());
    }
    Map<ResponseSimilarity.ModelPair, Double> rougeL = new HashMap<>();
    similarity().forEach(p -> rougeL.put(ResponseSimilarity.ModelPair.of(p.modelA(), p.modelB()), p.rougeLF()));
    return Lineage.of(byKl, rougeL, k).stream()
        .map(e -> new LineageBody(e.model(), e.byKl(), e.byResponses(), e.agreeing())).toList();
  }
}
