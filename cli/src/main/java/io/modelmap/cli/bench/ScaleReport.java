package io.modelmap.cli.bench;

import java.io.PrintStream;

/** The figures one benchmark run measured; {@link #print} writes them as the README table. */
public record ScaleReport(int models, int texts, long bulkModels, double bulkSeconds, double totalSeconds,
    double medianLatencyMs, double p99LatencyMs, int latencySamples, double batchRecomputeSeconds,
    long maxHeapAfterGcMib, String maxHeap, long peakResidentMib, long stateBytes, double maxRelativeError, int listsChecked) {

  double scoresPerSecond() {
    return (double) bulkModels * texts / bulkSeconds;
  }

  double speedupPerArrival() {
    return batchRecomputeSeconds * 1000 / medianLatencyMs;
  }

  public void print(PrintStream out) {
    out.println();
    out.printf("| figure | measured | goal |%n| --- | --- | --- |%n");
    out.printf("| models × texts | %d × %d = %,d scores | 1,000 × 10,000 |%n", models, texts, (long) models * texts);
    out.printf("| bulk ingest (%d models, as fast as the fleet publishes) | %.1f s, %,.0f scores/s | |%n", bulkModels,
        bulkSeconds, scoresPerSecond());
    out.printf("| all scores ingested, every neighbour list published | %.1f s | ≤ 300 s |%n", totalSeconds);
    out.printf("| last score → final neighbour list, at K ≈ %d (%d arrivals) | median %.0f ms, p99 %.0f ms | ≤ 1 s median |%n",
        models, latencySamples, medianLatencyMs, p99LatencyMs);
    out.printf("| batch recompute per arrival (centring + all pairwise KL) | %.2f s | |%n", batchRecomputeSeconds);
    out.printf("| streaming vs batch, per arrival | %.1f× faster | ≥ 20× |%n", speedupPerArrival());
    out.printf("| aggregator heap (own JVM, -Xmx%s): max in use after GC | %d MiB | ≤ 1 GB |%n", maxHeap,
        maxHeapAfterGcMib);
    out.printf("| aggregator process peak resident memory (heap + RocksDB + JVM) | %d MiB | |%n", peakResidentMib);
    out.printf("| aggregator RocksDB state on disk | %.1f MiB | |%n", stateBytes / 1048576.0);
    out.printf("| streamed neighbour KL vs batch reference (%d lists) | max relative difference %.1e | ≤ 1e-9 |%n",
        listsChecked, maxRelativeError);
  }
}
