package io.modelmap.aggregator.api;

import io.modelmap.http.HttpError;
import io.modelmap.aggregator.api.body.EmbeddingBody;
import io.modelmap.aggregator.api.body.RouteBody;
import io.modelmap.aggregator.embedding.EmbeddingStores;
import io.modelmap.aggregator.embedding.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The embeddings' answers: every model's embedding, and the router (EmbedLLM §4): for a question text,
 * or a published item, every model by its predicted probability of answering right. The router is read
 * from the embeddings' store of this instance; only the instance running the embeddings task holds it.
 */
final class RouteAnswers {
  private final ViewReader views;
  private final KafkaStreams streams;

  RouteAnswers(ViewReader views, KafkaStreams streams) {
    this.views = views;
    this.streams = streams;
  }

  List<EmbeddingBody> embeddings() {
    List<EmbeddingBody> all = new ArrayList<>(views.all(Views.EMBEDDINGS).stream()
        .map(BodyMapping::embedding).toList());
    all.sort(Comparator.comparing(EmbeddingBody::modelId));
    return all;
  }

  /** @param question the question text (with its choices, as the user likes), or null to name an item */
  RouteBody route(String question, String item, int max) {
    if ((question == null || question.isBlank()) == (item == null || item.isBlank())) {
      throw new HttpError(400, "give either question=<text> or item=<benchmarkId>/<itemId>");
    }
    byte[] stored = store(EmbeddingStores.ROUTER).get(EmbeddingStores.CURRENT);
    if (stored == null) {
      throw new HttpError(404, "no embeddings are trained yet: they need the answers of a few models on mc-answers");
    }
    String text = question;
    if (text == null || text.isBlank()) {
      byte[] known = store(EmbeddingStores.QUESTIONS).get(item);
      if (known == null) {
        throw new HttpError(404, "no item '" + item + "' is published on mc-items (ids are benchmarkId/itemId)");
      }
      text = new String(known, StandardCharsets.UTF_8);
    }
    Router router = Router.fromBytes(stored);
    List<RouteBody.RankedBody> ranked = router.rank(text).stream().limit(Math.max(1, max))
        .map(r -> new RouteBody.RankedBody(r.modelId(), r.probability())).toList();
    return new RouteBody(text, router.version(), ranked.isEmpty() ? null : ranked.get(0).modelId(), ranked);
  }

  private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new HttpError(503, "the embeddings are served by the aggregator instance that runs their task, or this"
          + " one is still starting; retry, or ask that instance");
    }
  }
}
