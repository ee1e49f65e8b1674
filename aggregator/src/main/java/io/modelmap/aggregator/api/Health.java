package io.modelmap.aggregator.api;

import io.javalin.http.Context;
import io.modelmap.aggregator.api.body.HealthBody;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health}: 200 while Kafka Streams runs (or rebalances) and every watched part runs, 503
 * otherwise, for liveness and readiness probes.
 */
final class Health {
  /** Parts of the process beside Kafka Streams whose death /health reports, by name. */
  private final Map<String, BooleanSupplier> watched = new ConcurrentSkipListMap<>();
  private volatile Supplier<KafkaStreams.State> streams;

  void follow(Supplier<KafkaStreams.State> streamsState) {
    this.streams = streamsState;
  }

  /** Makes /health answer 503, naming {@code part}, once {@code running} turns false. */
  void watch(String part, BooleanSupplier running) {
    watched.put(part, running);
  }

  void answer(Context ctx) {
    Supplier<KafkaStreams.State> state = streams;
    KafkaStreams.State now = state == null ? KafkaStreams.State.CREATED : state.get();
    List<String> stopped = watched.entrySet().stream().filter(part -> !part.getValue().getAsBoolean())
        .map(Map.Entry::getKey).toList();
    boolean healthy = (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.REBALANCING) && stopped.isEmpty();
    ctx.status(healthy ? 200 : 503).json(new HealthBody(now.name(), stopped));
  }
}
