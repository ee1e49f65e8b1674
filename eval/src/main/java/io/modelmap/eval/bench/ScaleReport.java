package io.modelmap.eval.bench;

import java.io.PrintStream;

/**
 * The figures one benchmark run measured; {@link #print} writes them as the README table. With --shards above 1 the
 * heap, resident memory and disk are summed over the instances ({@link ShardFigures} has each), {@code layoutSeconds}
 * is NaN and {@code prediction} null: neither exists at S &gt; 1 yet.
 */
public record ScaleReport(int models, int texts, long bulkModels, double bulkSeconds, double totalSeconds,
    double medianLatencyMs, double p99LatencyMs, int latencySamples, BatchBaselines baselines,
    long maxHeapAfterGcMib, String maxHeap, long peakResidentMib, long stateBytes, double maxRelativeError, int listsChecked,
    int rowsRanked, double layoutSeconds, Prediction prediction) {

  /**
   * The predictions' figures.
   *
   * @param fitsSeconds from the end of the bulk to every benchmark's fit on all observed models
   * @param maxAbsoluteError probe models' streamed predictions against ridge fitted on the batch KL
   */
  public record Prediction(int benchmarks, int observed, double fitsSeconds, double medianLatencyMs, double p99LatencyMs,
      double maxAbsoluteError) {}

  /** Scores ingested per second during the bulk. */
  public double scoresPerSecond() {
    return (double) bulkModels * texts / bulkSeconds;
  }

  /** Against the faster of NumPy and Java's blocked product, measured in the same run. */
  public double speedupPerArrival() {
    return baselines.fastestSeconds() * 1000 / medianLatencyMs;
  }

  /** The machine, as the JVM and /proc/cpuinfo name it, and its load. */
  public static String machine() {
    String cpu = "";
    try {
      cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name")).findFirst().map(line -> line.replaceFirst(".*:\\s*", ""))
          .orElse("");
    } catch (java.io.IOException e) {
      // not Linux: the JVM's names suffice
    }
    return Runtime.getRuntime().availableProcessors() + " cores " + (cpu.isEmpty() ? "" : "(" + cpu + ") ")
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.version") + loadAverage();
  }

  /** The 1, 5 and 15-minute load averages as the table is printed: other work on a shared machine shows here. */
  private static String loadAverage() {
    try {
      String[] load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.format(", load average %s, %s, %s at the end", load[0], load[1], load[2]);
    } catch (java.io.IOException | RuntimeException e) {
      return ""; // not Linux
    }
  }

  /** Writes the figures as the README's Markdown table. */
  public void print(PrintStream out) {
    out.println();
    out.printf("| figure | measured | goal |%n| --- | --- | --- |%n");
    out.printf("| models × texts | %d × %d = %,d scores | 1,000 × 10,000 |%n", models, texts, (long) models * texts);
    out.printf("| bulk ingest (%d models, as fast as the fleet publishes) | %.1f s, %,.0f scores/s | |%n", bulkModels,
        bulkSeconds, scoresPerSecond());
    out.printf("| all scores ingested, every neighbour list published | %.1f s | ≤ 300 s at K = 1,000, ≤ 1,200 s at 10,000 |%n",
        totalSeconds);
    out.printf("| last score → final neighbour list, at K ≈ %d (%d arrivals) | median %.0f ms, p99 %.0f ms | ≤ 1 s median |%n",
        models, latencySamples, medianLatencyMs, p99LatencyMs);
    out.printf("| machine | %s | |%n", machine());
    out.printf("| batch recompute per arrival, scalar Java loops (centring + all pairwise KL) | %.3f s%s | |%n",
        baselines.scalarSeconds(), baselines.scalarExtrapolated() ? " (extrapolated from the sampled rows)" : "");
    if (Double.isNaN(baselines.blockedSeconds())) {
      out.printf("| batch recompute per arrival, Java blocked Q·Qᵀ (register tiles, every core) | not run: K×K does not"
          + " fit above %,d models | |%n", BatchBaselines.SQUARE_LIMIT);
    } else {
      out.printf("| batch recompute per arrival, Java blocked Q·Qᵀ (register tiles, every core) | %.3f s (KL within %.0e"
          + " of the reference) | |%n", baselines.blockedSeconds(), baselines.blockedMaxRelative());
    }
    baselines.numpy().ifPresent(n -> out.printf("| batch recompute per arrival, NumPy (%s) | %.3f s%s (KL within %.0e) |"
        + " |%n", n.describe(), n.seconds(), n.extrapolatedFromRows() == 0 ? ""
            : String.format(" (extrapolated: the centring and %,d of the K rows timed)", n.extrapolatedFromRows()),
        n.maxRelative()));
    out.printf("| streaming vs the faster batch (%s), per arrival | %.1f× faster | ≥ 30× at K = 10,000 |%n",
        baselines.fastestName(), speedupPerArrival());
    out.printf("| aggregator heap (own JVM, -Xmx%s): max in use after GC | %d MiB | ≤ 1 GB at K = 1,000, ≤ 2 GB at 10,000 |%n", maxHeap,
        maxHeapAfterGcMib);
    out.printf("| aggregator process peak resident memory (heap + RocksDB + JVM) | %d MiB | |%n", peakResidentMib);
    out.printf("| aggregator RocksDB state on disk | %.1f MiB | |%n", stateBytes / 1048576.0);
    if (Double.isNaN(layoutSeconds)) {
      out.printf("| map layout of all %d models | none with --shards above 1 (the layout needs every distance in one"
          + " task) | |%n", models);
    } else {
      out.printf("| map layout of all %d models on coordinate-frame, after the last arrival | %.1f s | |%n", models,
          layoutSeconds);
    }
    out.printf("| streamed neighbour KL vs batch reference (every entry of %d lists; ranks on %d whole rows) | max"
        + " relative difference %.1e | ≤ 1e-9 |%n", listsChecked, rowsRanked, maxRelativeError);
    out.printf("| %d benchmarks' ridge-q fits on %d observed models, in after the bulk | %.1f s | |%n",
        prediction.benchmarks(), prediction.observed(), prediction.fitsSeconds());
    out.printf("| last score → predictions of all %d benchmarks, at K ≈ %d | median %.0f ms, p99 %.0f ms | ≤ 2 s |%n",
        prediction.benchmarks(), models, prediction.medianLatencyMs(), prediction.p99LatencyMs());
    out.printf("| streamed predictions vs ridge on the batch KL | max absolute difference %.1e | ≤ 1e-6 |%n",
        prediction.maxAbsoluteError());
  }
}
