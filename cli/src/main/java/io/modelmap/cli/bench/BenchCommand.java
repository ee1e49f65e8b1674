package io.modelmap.cli.bench;

import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.cli.logging.CliLogging;
import io.modelmap.cli.support.DataDirOption;
import io.modelmap.cli.support.UsageError;
import io.modelmap.eval.bench.BatchBaselines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap bench}: the paper-scale benchmark (K models × N texts through the aggregator). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Replay a synthetic fleet of K models × N texts through a real broker into the aggregator and"
        + " print ingest time, per-model latency, heap, disk and the speed-up over a batch recompute.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--models", defaultValue = "1000", description = "K (default ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--texts", defaultValue = "10000", description = "N (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--families", defaultValue = "40", description = "Model families (default ${DEFAULT-VALUE}).")
  int families;

  @Option(names = "--texts-per-record", defaultValue = "500", description = "Scores per text-scores record (default ${DEFAULT-VALUE}).")
  int textsPerRecord;

  @Option(names = "--in-flight", defaultValue = "8", description = "Models scored at once by the fleet (default ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(names = "--probe-models", defaultValue = "20", description = "Last models sent one at a time to measure latency (default ${DEFAULT-VALUE}).")
  int probeModels;

  @Option(names = "--aggregator-heap", defaultValue = "1g", description = "-Xmx of the aggregator JVM (default ${DEFAULT-VALUE}).")
  String aggregatorHeap;

  @Option(names = "--commit-interval-ms", defaultValue = "" + StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS,
      description = "The aggregator's exactly-once commit interval, the floor of per-arrival latency (default ${DEFAULT-VALUE},"
          + " the aggregator's).")
  long commitIntervalMs;

  @Option(names = "--poll-ms", defaultValue = "" + StreamsSettings.DEFAULT_POLL_MS,
      description = "The aggregator's poll wait: how long a stream thread waits for new records before it commits"
          + " (default ${DEFAULT-VALUE}, the aggregator's).")
  long pollMs;

  @Option(names = "--benchmarks", defaultValue = "5", description = "Benchmarks with imported scores (default ${DEFAULT-VALUE}).")
  int benchmarks;

  @Option(names = "--observed-models", defaultValue = "800",
      description = "Models with scores on every benchmark, the first ones published (default ${DEFAULT-VALUE}).")
  int observedModels;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic matrix and schedule.")
  long seed;

  @Option(names = "--shards", defaultValue = "1", description = "Aggregator instances, each in its own JVM with"
      + " --shards of this many, the corpus spread over them; above 1 also prints each instance's heap, resident"
      + " memory and RocksDB and each shard's share of the models, and measures no map layout (it needs every"
      + " distance in one task); ridge-q is fitted from the models' rows and timed as at 1. Default ${DEFAULT-VALUE}.")
  int shards;

  @Option(names = "--kill-one-midway", description = "SIGKILL the last aggregator JVM once half the bulk's models are"
      + " mapped and start it again on its state folder (exactly-once restores it from the changelogs); every list is"
      + " still checked against the batch reference.")
  boolean killOneMidway;

  @Mixin
  public DataDirOption data;

  @Override
  public Integer call() throws Exception {
    settings(null); // an impossible combination of options is refused before any folder or broker is made
    requireHeapForTheBaselines();
    Path dir = data.dataDir("bench");
    Files.createDirectories(dir);
    // the broker's own ERRORs (a transactions-v2 producer's retried sequence check, KAFKA-18202) are not the
    // bench's: they go to the log file with the rest of Kafka's internals
    System.out.println("Log of Kafka's and RocksDB's internals: " + CliLogging.toFile(dir.resolve("modelmap.log")));
    ScaleBenchmark bench = new ScaleBenchmark(settings(dir), System.out);
    bench.run().print(System.out);
    bench.shardFigures().ifPresent(figures -> figures.print(System.out));
    bench.killNote().ifPresent(note -> System.out.printf("%nKilled mid-run: %s.%n", note));
    return 0;
  }

  /**
   * The run's settings; the probe models are never observed, so at most K minus them are. Settings the benchmark
   * cannot run with are the user's mistake: a {@link UsageError} that names the options given.
   */
  ScaleBenchmark.Settings settings(Path dir) {
    try {
      return new ScaleBenchmark.Settings(models, texts, families, textsPerRecord, inFlight, probeModels, seed,
          aggregatorHeap, commitIntervalMs, pollMs, benchmarks, Math.min(observedModels, models - probeModels), dir,
          shards, killOneMidway);
    } catch (IllegalArgumentException e) {
      throw new UsageError(String.format("--models %d --texts %d --families %d --texts-per-record %d --in-flight %d"
          + " --probe-models %d --benchmarks %d --observed-models %d%s: %s", models, texts, families, textsPerRecord,
          inFlight, probeModels, benchmarks, observedModels, shards == 1 ? "" : " --shards " + shards,
          e.getMessage()));
    }
  }

  /**
   * The batch baselines hold L, Q and the K×K Gram and KL at once (about 5·K·N + 2·K² doubles, with the
   * broker beside them), above {@link BatchBaselines#SQUARE_LIMIT} models the sampled rows' KL instead of the
   * K×K: refuse at the start, not after twenty minutes of streaming.
   */
  private void requireHeapForTheBaselines() {
    long square = models <= BatchBaselines.SQUARE_LIMIT ? (long) models : ScaleBenchmark.SAMPLED_ROWS + probeModels;
    long needed = (5L * models * texts + 2L * square * models) * Double.BYTES + (1L << 30);
    long max = Runtime.getRuntime().maxMemory();
    if (max < needed) {
      long gib = (needed + (1L << 30) - 1) >> 30;
      throw new UsageError(String.format("%d models × %d texts need about %d GiB of heap for the batch baselines, and"
          + " this JVM has %.1f GiB: run MODELMAP_JAVA_OPTS=-Xmx%dg ./modelmap bench ...", models, texts, gib,
          max / (double) (1L << 30), gib));
    }
  }
}
