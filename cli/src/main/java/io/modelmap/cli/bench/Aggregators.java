package io.modelmap.cli.bench;

import io.modelmap.eval.bench.ShardFigures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's aggregators: one JVM ({@code aggregator/}) at S = 1, as before sharding; at S &gt; 1, S JVMs
 * ({@code aggregator-0/} …) of one application, each with {@code --shards S}, so each holds about one shard.
 */
final class Aggregators implements AutoCloseable {
  private final List<ChildAggregator> children;
  private boolean closed;

  private Aggregators(List<ChildAggregator> children) {
    this.children = children;
  }

  static Aggregators start(ScaleBenchmark.Settings settings, String bootstrap, String registry) throws IOException {
    List<ChildAggregator> children = new ArrayList<>();
    if (settings.shards() == 1) {
      children.add(ChildAggregator.start(settings.dataDir().resolve("aggregator"), bootstrap, registry,
          settings.aggregatorHeap(), settings.commitIntervalMs()));
      return new Aggregators(children);
    }
    String application = "modelmap-bench-" + System.nanoTime();
    try {
      for (int i = 0; i < settings.shards(); i++) {
        children.add(ChildAggregator.start(settings.dataDir().resolve("aggregator-" + i), bootstrap, registry,
            settings.aggregatorHeap(), settings.commitIntervalMs(), application, settings.shards()));
      }
    } catch (IOException | RuntimeException e) {
      try {
        new Aggregators(children).close(); // the ones already started
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    return new Aggregators(children);
  }

  /** Whether every JVM still runs. */
  boolean isAlive() {
    return children.stream().allMatch(ChildAggregator::isAlive);
  }

  /**
   * Each JVM's heap and peak resident memory, read before it stops, and its disk, read after (RocksDB flushes its
   * memtables on close); stops them all.
   */
  List<ShardFigures.Instance> closeAndMeasure(String maxHeap) throws IOException, InterruptedException {
    List<Long> resident = new ArrayList<>();
    for (ChildAggregator child : children) {
      resident.add(child.peakResidentMib());
    }
    close();
    List<ShardFigures.Instance> instances = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      ChildAggregator child = children.get(i);
      instances.add(new ShardFigures.Instance(child.maxHeapAfterGcMib().orElse(-1), maxHeap, resident.get(i),
          child.stateBytes()));
    }
    return instances;
  }

  @Override
  public void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    for (ChildAggregator child : children) {
      child.close();
    }
  }
}
