package io.modelmap.aggregator.api;

import io.modelmap.aggregator.ingest.ModelRegisteredValidator;
import io.modelmap.aggregator.ingest.RefusingDeserializer;
import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.Topics;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * The queryable views: each compacted output topic (and {@code model-registered}) as a KTable store.
 * With {@code topology.optimization=all} the topics themselves are the stores' changelogs, so the
 * views cost no extra topic; a restore from such a topic leaves out what the view refused while running
 * ({@link GuardedStores}).
 */
public final class Views {
  static final String REGISTERED = "view-registered";
  static final String COORDINATES = "view-coordinates";
  static final String NEIGHBORS = "view-neighbors";
  static final String FRAMES = "view-frames";
  static final String AGREEMENT = "view-agreement";
  static final String ACCURACY = "view-accuracy";
  static final String PREDICTIONS = "view-predictions";
  static final String QUALITY = "view-prediction-quality";
  static final String ANALYTICS = "view-analytics";
  static final String EMBEDDINGS = "view-embeddings";
  static final String RESPONSE_SIMILARITY = "view-response-similarity";
  /** The last score task of each model the workers gave up on (score-tasks-dlq, keyed by model id). */
  static final String FAILURES = "view-failures";

  private Views() {}

  /** The views prediction also reads: a topic has one source in a topology. */
  public record Shared(KTable<String, ModelRegistered> registered, KTable<String, ModelEmbedding> embeddings) {}

  /** Adds every view; returns the tables prediction also reads. */
  public static Shared addTo(StreamsBuilder builder, Topics topics) {
    Topic<String, ModelRegistered> registrations = topics.modelRegistered();
    // ids checked as every source checks them (DESIGN §4): a refused registration is never in the view
    Serde<ModelRegistered> refusing = Serdes.serdeFrom(registrations.valueSerde().serializer(),
        new RefusingDeserializer<>(registrations.valueSerde().deserializer(), new ModelRegisteredValidator()));
    KTable<String, ModelRegistered> registered = table(builder, registrations.name(), refusing, REGISTERED);
    table(builder, topics.modelCoordinates(), COORDINATES);
    table(builder, topics.modelNeighbors(), NEIGHBORS);
    table(builder, topics.coordinateFrame(), FRAMES);
    table(builder, topics.errorAgreement(), AGREEMENT);
    table(builder, topics.modelAccuracy(), ACCURACY);
    table(builder, topics.scorePredictions(), PREDICTIONS);
    table(builder, topics.predictionQuality(), QUALITY);
    table(builder, topics.modelAnalytics(), ANALYTICS);
    KTable<String, ModelEmbedding> embeddings = table(builder, topics.modelEmbeddings(), EMBEDDINGS);
    table(builder, topics.responseSimilarity(), RESPONSE_SIMILARITY);
    table(builder, topics.deadLetters(topics.scoreTasks().name()), FAILURES);
    return new Shared(registered, embeddings);
  }

  static List<String> all() {
    return List.of(REGISTERED, COORDINATES, NEIGHBORS, FRAMES, AGREEMENT, ACCURACY, FAILURES, PREDICTIONS, QUALITY,
        ANALYTICS, EMBEDDINGS, RESPONSE_SIMILARITY);
  }

  private static <V extends SpecificRecord> KTable<String, V> table(StreamsBuilder builder, Topic<String, V> topic,
      String store) {
    return table(builder, topic.name(), topic.valueSerde(), store);
  }

  private static <V extends SpecificRecord> KTable<String, V> table(StreamsBuilder builder, String topic,
      Serde<V> values, String store) {
    return builder.table(topic, Consumed.with(Serdes.String(), values).withName("view-source-" + store),
        Materialized.<String, V>as(GuardedStores.timestamped(store, values.deserializer()))
            .withKeySerde(Serdes.String()).withValueSerde(values));
  }
}
