package io.modelmap.aggregator.support;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The aggregator's Prometheus metrics: every Kafka Streams and client metric (records processed,
 * commit latency, lag, ...) and the aggregator's own task metrics (dead-lettered records, duplicate
 * and conflicting scores and answers, models completed, neighbour-update latency), plus the JVM.
 */
public final class AggregatorMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Set<MetricName> taskMetrics = ConcurrentHashMap.newKeySet();

  public AggregatorMetrics(KafkaStreams streams) {
    this(streams, new AtomicLong(), new AtomicLong());
  }

  /**
   * Also counts {@code viewDeadLetters}: records of the views that did not decode (UndecodableViewRecords),
   * and {@code restoreSkipped}: changelog records restores left out of their stores (RestoreRejects).
   */
  public AggregatorMetrics(KafkaStreams streams, AtomicLong viewDeadLetters, AtomicLong restoreSkipped) {
    this.streams = streams;
    FunctionCounter.builder("modelmap.aggregator.view.dead.lettered.records", viewDeadLetters, AtomicLong::doubleValue)
        .description("Records of model-registered (a view) that did not decode, sent to model-registered-dlq")
        .register(registry);
    FunctionCounter.builder("modelmap.aggregator.restore.skipped.records", restoreSkipped, AtomicLong::doubleValue)
        .description("Changelog records that did not decode, left out of their store by a restore and dead-lettered")
        .register(registry);
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    bindTaskMetrics();
    return registry.scrape();
  }

  /**
   * The aggregator's own sensors appear when tasks start, after Micrometer's Kafka binder took its
   * snapshot: bind each new one as {@code modelmap_aggregator_<name>} (a counter, or a gauge for -avg/-max).
   */
  private void bindTaskMetrics() {
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      MetricName name = entry.getKey();
      if (!name.group().equals(TaskSensors.GROUP) || !taskMetrics.add(name)) {
        continue;
      }
      Metric metric = entry.getValue();
      String meter = "modelmap.aggregator." + name.name().replace('-', '.');
      List<Tag> tags = name.tags().entrySet().stream().map(t -> Tag.of(t.getKey(), t.getValue())).toList();
      if (name.name().endsWith("-avg") || name.name().endsWith("-max")) {
        Gauge.builder(meter, metric, m -> ((Number) m.metricValue()).doubleValue())
            .description(name.description()).tags(tags).register(registry);
      } else {
        FunctionCounter.builder(meter, metric, m -> ((Number) m.metricValue()).doubleValue())
            .description(name.description()).tags(tags).register(registry);
      }
    }
  }

  @Override
  public void close() {
    streamsMetrics.close();
    gc.close();
    registry.close();
  }
}
