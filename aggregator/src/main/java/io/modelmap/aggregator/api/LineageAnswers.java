package io.modelmap.aggregator.api;

import io.modelmap.aggregator.api.body.LineageBody;
import io.modelmap.aggregator.api.body.NeighborBody;
import io.modelmap.aggregator.api.body.ResponseSimilarityBody;
import io.modelmap.math.responses.Lineage;
import io.modelmap.math.responses.ResponseSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The response view beside the KL view: every pair's response similarity, and each model's lineage. */
final class LineageAnswers {
  private final ViewQueries views;

  LineageAnswers(ViewQueries views) {
    this.views = views;
  }

  /** Every pair that shares a prompt, by pair. */
  List<ResponseSimilarityBody> similarity() {
    List<ResponseSimilarityBody> all = new ArrayList<>(BodyMapping.listOf(views.all(Views.RESPONSE_SIMILARITY),
        ResponseSimilarityBody.class));
    all.sort(Comparator.comparing(ResponseSimilarityBody::modelA).thenComparing(ResponseSimilarityBody::modelB));
    return all;
  }

  /** Each model's {@code k} nearest by KL and by ROUGE-L, and the models in both (in KL order). */
  List<LineageBody> lineage(int k) {
    Map<String, List<String>> byKl = new HashMap<>();
    for (Map<String, Object> list : views.all(Views.NEIGHBORS)) {
      byKl.put((String) list.get("modelId"), BodyMapping.listOf(list.get("neighbors"), NeighborBody.class).stream()
          .map(NeighborBody::modelId).toList());
    }
    Map<ResponseSimilarity.ModelPair, Double> rougeL = new HashMap<>();
    similarity().forEach(p -> rougeL.put(ResponseSimilarity.ModelPair.of(p.modelA(), p.modelB()), p.rougeLF()));
    return Lineage.of(byKl, rougeL, k).stream()
        .map(e -> new LineageBody(e.model(), e.byKl(), e.byResponses(), e.agreeing())).toList();
  }
}
