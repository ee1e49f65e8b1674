package io.modelmap.scorer.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * A worker's Prometheus metrics: tokens and texts scored (rates give tokens/s and texts/s), items
 * answered, windows per forward pass, task latency, model load time, Hub download bytes and time, failed tasks, and the Kafka
 * consumer's own metrics.
 */
public final class ScorerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter tokens = Counter.builder("modelmap.scorer.tokens").description("Tokens scored").register(registry);
  private final Counter texts = Counter.builder("modelmap.scorer.texts").description("Texts scored").register(registry);
  private final Counter items = Counter.builder("modelmap.scorer.items").description("Multiple-choice items answered")
      .register(registry);
  private final Counter float16Rescored = Counter.builder("modelmap.scorer.float16.rescored")
      .description("Windows rescored in float32 after a float16 overflow").register(registry);
  private final Counter skipped = Counter.builder("modelmap.scorer.skipped")
      .description("Texts, items and prompts of tasks whose results were already published, not done again")
      .register(registry);
  private final Counter failures = Counter.builder("modelmap.scorer.task.failures").description("Tasks that failed")
      .register(registry);
  private final DistributionSummary batchSize = DistributionSummary.builder("modelmap.scorer.batch.size")
      .description("Windows per forward pass").register(registry);
  private final Timer taskLatency = Timer.builder("modelmap.scorer.task.latency").description("Time to score one task")
      .publishPercentiles(0.5, 0.99).register(registry);
  private final Timer modelLoad = Timer.builder("modelmap.scorer.model.load").description("Time to load a model")
      .register(registry);
  private final Counter hubBytes = Counter.builder("modelmap.scorer.hub.download.bytes")
      .description("Bytes of model files downloaded from the Hub into the worker's cache").baseUnit("bytes")
      .register(registry);
  private final Timer hubDownload = Timer.builder("modelmap.scorer.hub.download")
      .description("Time spent downloading a model's files from the Hub (nothing when all were cached)")
      .register(registry);
  private KafkaClientMetrics consumerMetrics;
  private final AtomicReference<String> work = new AtomicReference<>();

  public ScorerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
  }

  void bindConsumer(Consumer<?, ?> consumer) {
    consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
  }

  void scored(int textCount, long tokenCount, Duration took) {
    texts.increment(textCount);
    tokens.increment(tokenCount);
    taskLatency.record(took);
  }

  void answered(int itemCount, Duration took) {
    items.increment(itemCount);
    taskLatency.record(took);
  }

  void skipped(int count) {
    skipped.increment(count);
  }

  void failed() {
    failures.increment();
  }

  void batch(int windows) {
    batchSize.record(windows);
  }

  void modelLoaded(Duration took) {
    modelLoad.record(took);
  }

  void hubDownloaded(long bytes, Duration took) {
    hubBytes.increment(bytes);
    hubDownload.record(took);
  }

  /** The worker is at {@code what} ("answering items of org/name") until {@link #idle}. */
  void working(String what) {
    work.set(what);
  }

  void idle() {
    work.set(null);
  }

  /**
   * What the worker is doing now, empty while it waits for tasks: a progress line tells a scorer busy with a
   * long task (answering items, writing responses) from one that has stalled.
   */
  public Optional<String> currentWork() {
    return Optional.ofNullable(work.get());
  }

  /** Bytes downloaded from the Hub since the worker started. */
  public long hubBytesDownloaded() {
    return (long) hubBytes.count();
  }

  /** Tokens scored since the worker started, for progress lines. */
  public long tokensScored() {
    return (long) tokens.count();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (consumerMetrics != null) {
      consumerMetrics.close();
    }
    registry.close();
  }

  /** {@code windows} overflowed in float16 and were scored again in float32. */
  public void float16Rescored(int windows) {
    float16Rescored.increment(windows);
  }
}
