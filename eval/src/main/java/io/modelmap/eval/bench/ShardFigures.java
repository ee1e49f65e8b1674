package io.modelmap.eval.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * What a bench with S &gt; 1 shards measures beyond {@link ScaleReport}: each aggregator instance's heap, resident
 * memory and RocksDB disk (each in its own JVM), and each shard's share of the models (a model's shard is its id's
 * hash mod S, so the shares are the hash's balance on these ids).
 *
 * @param instances the aggregator instances, in start order
 * @param modelsPerShard models on shard s, at index s
 */
public record ShardFigures(List<Instance> instances, List<Integer> modelsPerShard) {
  public ShardFigures {
    instances = List.copyOf(instances);
    modelsPerShard = List.copyOf(modelsPerShard);
  }

  /** One aggregator JVM: its largest heap in use after a GC (-1: no GC), its peak resident memory, its disk. */
  public record Instance(long maxHeapAfterGcMib, String maxHeap, long peakResidentMib, long stateBytes) {}

  /** The S shards the models were spread over. */
  public int shards() {
    return modelsPerShard.size();
  }

  /** Writes two Markdown tables: the instances, then the shards. */
  public void print(PrintStream out) {
    out.println();
    out.printf("| aggregator instance (own JVM) | heap max in use after GC | peak resident memory | RocksDB on disk |%n"
        + "| --- | --- | --- | --- |%n");
    for (int i = 0; i < instances.size(); i++) {
      Instance instance = instances.get(i);
      out.printf("| %d of %d (-Xmx%s) | %d MiB | %d MiB | %.1f MiB |%n", i + 1, instances.size(), instance.maxHeap(),
          instance.maxHeapAfterGcMib(), instance.peakResidentMib(), instance.stateBytes() / 1048576.0);
    }
    int total = modelsPerShard.stream().mapToInt(Integer::intValue).sum();
    out.println();
    out.printf("| shard (of %d) | models | share |%n| --- | --- | --- |%n", shards());
    for (int s = 0; s < shards(); s++) {
      out.printf("| %d | %d | %.1f %% |%n", s, modelsPerShard.get(s), 100.0 * modelsPerShard.get(s) / total);
    }
  }
}
