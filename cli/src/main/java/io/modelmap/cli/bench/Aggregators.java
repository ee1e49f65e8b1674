package io.modelmap.cli.bench;

import io.modelmap.eval.bench.ShardFigures;
import java.io.IOException;
import java.nio.file.Path;
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
    String application = "modelmap-bench-" + System.nanoTime();
    try {
      for (int i = 0; i < settings.shards(); i++) {
        Path dir = settings.dataDir().resolve(settings.shards() == 1 ? "aggregator" : "aggregator-" + i);
        children.add(ChildAggregator.start(dir, bootstrap, registry, settings.aggregatorHeap(),
            settings.commitIntervalMs(), settings.pollMs(), application, settings.shards()));
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

  /** SIGKILLs the last JVM and starts it again on its state folder; returns its folder's name. */
  String killAndRestartLast() throws IOException, InterruptedException {
    int last = children.size() - 1;
    children.set(last, children.get(last).killAndRestart());
    return children.get(last).folderName();
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
