package io.modelmap.cli.bench;

import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.aggregator.prediction.PredictionProcessor;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.embedded.EmbeddedCluster;
import io.modelmap.eval.bench.BatchBaselines;
import io.modelmap.eval.bench.PredictionLoad;
import io.modelmap.eval.bench.SampledReference;
import io.modelmap.eval.bench.ShardFigures;
import io.modelmap.eval.bench.ScaleReport;
import io.modelmap.eval.bench.StreamCheck;
import io.modelmap.math.BatchReference;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.Waiter;
import io.modelmap.producer.synthetic.FleetSchedule;
import io.modelmap.producer.synthetic.SyntheticMatrix;
import io.modelmap.producer.synthetic.SyntheticPublisher;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.topic.TopicNames;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * One run of the paper-scale benchmark. A real broker and registry run in this JVM, the aggregator
 * in a child JVM with a capped heap. First the fleet publishes all but the last {@code probeModels}
 * models as fast as it can (bulk ingest, many models interleaved); then the last models arrive one
 * at a time and the time from a model's last acknowledged score to its final neighbour list on
 * {@code model-neighbors} is measured at K ≈ models. Last, the notebook recompute on the same L is
 * timed and the streamed outputs are checked against it.
 */
public final class ScaleBenchmark {
  private static final String CORPUS = "synthetic";
  /** Models whose whole reference KL row is computed to check ranks (every model up to this many). */
  static final int SAMPLED_ROWS = 1_000;

  private final Settings settings;
  private final PrintStream out;
  /** Each instance's figures and each shard's share, once a run with S &gt; 1 is over. */
  private ShardFigures shardFigures;
  /** What was killed and when, in a run with {@code killOneMidway}. */
  private String killNote;

  /**
   * What to run; {@code shards} aggregator instances, each in its own JVM, with {@code --shards shards}, each with
   * {@code --commit-interval-ms commitIntervalMs --poll-ms pollMs}; with {@code killOneMidway} the last instance is
   * SIGKILLed once half the bulk's models are mapped and started again on its state folder.
   */
  public record Settings(int models, int texts, int families, int textsPerRecord, int inFlight, int probeModels, long seed,
      String aggregatorHeap, long commitIntervalMs, long pollMs, int benchmarks, int observedModels, Path dataDir,
      int shards, boolean killOneMidway) {
    /** One aggregator at the aggregator's own poll wait, the whole corpus in one task, nothing killed. */
    public Settings(int models, int texts, int families, int textsPerRecord, int inFlight, int probeModels, long seed,
        String aggregatorHeap, long commitIntervalMs, int benchmarks, int observedModels, Path dataDir) {
      this(models, texts, families, textsPerRecord, inFlight, probeModels, seed, aggregatorHeap, commitIntervalMs,
          StreamsSettings.DEFAULT_POLL_MS, benchmarks, observedModels, dataDir, 1, false);
    }

    public Settings {
      if (shards < 1) {
        throw new IllegalArgumentException("need at least 1 shard");
      }
      if (models < 2 || texts < 1 || probeModels < 1 || probeModels >= models) {
        throw new IllegalArgumentException("need at least 2 models, 1 text and 1 ≤ probe models < models");
      }
      if (families < 1 || textsPerRecord < 1 || inFlight < 1 || commitIntervalMs < 1 || pollMs < 1) {
        // the aggregator refuses a commit interval of 0 itself, after the broker has started: refuse it here first
        throw new IllegalArgumentException("need at least 1 family, 1 text per record and 1 model in flight, and a"
            + " --commit-interval-ms and --poll-ms of at least 1");
      }
      if (benchmarks < 1 || observedModels < 10 || observedModels > models - probeModels) {
        throw new IllegalArgumentException("need at least 1 benchmark and 10 ≤ observed models ≤ models − probe models");
      }
    }
  }

  public ScaleBenchmark(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public ScaleReport run() throws Exception {
    SyntheticMatrix matrix = new SyntheticMatrix(settings.models(), settings.texts(), settings.families(), settings.seed());
    int bulk = settings.models() - settings.probeModels();
    out.printf("Starting the broker and registry under %s (%s) ...%n", settings.dataDir(), Machine.load());
    try (EmbeddedCluster cluster = EmbeddedCluster.start(settings.dataDir(), TopicNames.defaults());
        Aggregators aggregator = Aggregators.start(settings, cluster.bootstrapServers(), cluster.schemaRegistryUrl());
        Publisher publisher = new Publisher(KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl()))) {
      KafkaConnection connection = KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
      SyntheticPublisher fleet = new SyntheticPublisher(publisher, connection.topics(), matrix, CORPUS);
      PredictionLoad load = new PredictionLoad(matrix, settings.benchmarks(), settings.observedModels(), settings.seed());
      FirstSeenProbe<NeighborList> probe = new FirstSeenProbe<>(connection, connection.topics().modelNeighbors(),
          list -> !list.getProvisional()).start("neighbor-probe");
      FirstSeenProbe<ScorePredictions> predictions = new FirstSeenProbe<>(connection,
          connection.topics().scorePredictions(), p -> ridge(p).count() == load.benchmarks()).start("prediction-probe");
      FirstSeenProbe<PredictionQuality> fits = new FirstSeenProbe<>(connection, connection.topics().predictionQuality(),
          q -> q.getMethod().toString().equals(PredictionProcessor.METHOD) && q.getModels() == load.observed())
          .start("fit-probe");
      try {
        fleet.publishCorpus();
        load.publish(publisher, connection.topics(), CORPUS);
        out.printf("%s (-Xmx%s, commit interval %d ms); corpus of %,d texts published%n", sharded()
            ? settings.shards() + " aggregators with --shards " + settings.shards() + ", each in its own JVM"
            : "Aggregator in its own JVM", settings.aggregatorHeap(), settings.commitIntervalMs(), settings.texts());
        long started = System.nanoTime();
        List<FleetSchedule.Chunk> chunks = FleetSchedule.interleaved(0, bulk, settings.texts(),
            settings.textsPerRecord(), settings.inFlight(), settings.seed());
        out.printf("Bulk: %s, %s of ≤ %s, %s in flight ...%n", Plural.of(bulk, "model"),
            Plural.of(chunks.size(), "record"), Plural.of(settings.textsPerRecord(), "score"),
            Plural.of(settings.inFlight(), "model"));
        for (FleetSchedule.Chunk chunk : chunks) {
          fleet.publish(chunk);
        }
        publisher.flush();
        if (settings.killOneMidway()) {
          // the fleet publishes far faster than the aggregators map: halfway through the mapping is mid-run
          awaitCount(probe::seenCount, bulk / 2, "models mapped before the kill", aggregator, started);
          int mapped = probe.seenCount();
          String killed = aggregator.killAndRestartLast();
          killNote = String.format("%s was SIGKILLed at %.0f s, with %,d of %,d bulk models mapped, and started again"
              + " on its state folder; every list and prediction was checked after it", killed,
              seconds(System.nanoTime() - started), mapped, bulk);
          out.println(killNote);
        }
        awaitFinal(probe, bulk, aggregator, started);
        double bulkSeconds = seconds(System.nanoTime() - started);
        String arrivals = settings.probeModels() == 1 ? "1 model arrives"
            : Plural.of(settings.probeModels(), "model") + " arrive";
        out.printf("Bulk done in %.1f s; waiting for the %s fits on all %s ...%n",
            bulkSeconds, Plural.of(load.benchmarks(), "benchmark's", "benchmarks'"),
            Plural.of(load.observed(), "observed model"));
        awaitCount(fits::seenCount, load.benchmarks(), "fits", aggregator, started);
        double fitsSeconds = seconds(System.nanoTime() - started) - bulkSeconds;
        out.printf("Fits in %.1f s after the bulk; now %s one at a time ...%n", fitsSeconds, arrivals);
        List<Double> latencies = new ArrayList<>();
        List<Double> predictionLatencies = new ArrayList<>();
        for (int m = bulk; m < settings.models(); m++) {
          for (FleetSchedule.Chunk chunk : FleetSchedule.interleaved(m, m + 1, settings.texts(),
              settings.textsPerRecord(), 1, settings.seed())) {
            fleet.publish(chunk);
          }
          publisher.flush();
          long lastScoreAcked = System.nanoTime();
          awaitFinal(probe, m + 1, aggregator, started);
          latencies.add((probe.firstSeenNanos(matrix.modelId(m)) - lastScoreAcked) / 1e6);
          int probed = m - bulk + 1;
          awaitCount(predictions::seenCount, bulk + probed, "predictions", aggregator, started);
          predictionLatencies.add((predictions.firstSeenNanos(matrix.modelId(m)) - lastScoreAcked) / 1e6);
        }
        double totalSeconds = seconds(System.nanoTime() - started);
        out.printf("All %d models mapped in %.1f s (%s); timing the notebook recompute on the same L ...%n",
            settings.models(), totalSeconds, Machine.load());
        FullLayout layout = awaitLayout(connection, settings.models(), aggregator, started);
        double layoutSeconds = sharded() ? Double.NaN : layout.seconds() - totalSeconds;
        // everything streamed is in the probes: the aggregators stop before the baselines, which then have the
        // machine's cores and memory to themselves (at K = 100,000 both would not fit beside four JVMs)
        List<ShardFigures.Instance> instances = aggregator.closeAndMeasure(settings.aggregatorHeap());
        double[][] l = new double[settings.models()][];
        for (int i = 0; i < l.length; i++) {
          l[i] = matrix.row(i);
        }
        BatchReference reference = BatchReference.of(l);
        int[] probes = java.util.stream.IntStream.range(bulk, settings.models()).toArray();
        SampledReference sampled = SampledReference.of(reference, SampledReference.sample(l.length, SAMPLED_ROWS, probes));
        out.printf("Reference KL rows of %s computed; checking every list ...%n",
            Plural.of(sampled.sample().length, "model"));
        Collections.sort(latencies);
        Collections.sort(predictionLatencies);
        StreamCheck.NeighbourCheck check = compare(matrix, reference, sampled, probe, layout.frame());
        double predictionError = comparePredictions(matrix, reference, load, predictions, bulk);
        BatchBaselines baselines = BatchBaselines.measure(l, sampled, settings.dataDir(), out);
        out.printf("Baselines done (%s)%n", Machine.load());
        if (sharded()) {
          shardFigures = new ShardFigures(instances, modelsPerShard(matrix));
        }
        return new ScaleReport(settings.models(), settings.texts(), bulk, bulkSeconds, totalSeconds,
            percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.size(), baselines,
            instances.stream().mapToLong(ShardFigures.Instance::maxHeapAfterGcMib).sum(),
            settings.aggregatorHeap() + (sharded() ? " each; summed over " + settings.shards() + " JVMs" : ""),
            instances.stream().mapToLong(ShardFigures.Instance::peakResidentMib).sum(),
            instances.stream().mapToLong(ShardFigures.Instance::stateBytes).sum(),
            check.maxRelative(), check.lists(), sampled.sample().length, layoutSeconds,
            new ScaleReport.Prediction(load.benchmarks(), load.observed(), fitsSeconds,
                percentile(predictionLatencies, 0.5), percentile(predictionLatencies, 0.99), predictionError));
      } finally {
        probe.close();
        predictions.close();
        fits.close();
      }
    }
  }

  /** Each instance's figures and each shard's share of the models, after a run with S &gt; 1; empty at S = 1. */
  public java.util.Optional<ShardFigures> shardFigures() {
    return java.util.Optional.ofNullable(shardFigures);
  }

  /** Which instance was SIGKILLed mid-bulk and when, after a run with {@code killOneMidway}; empty otherwise. */
  public java.util.Optional<String> killNote() {
    return java.util.Optional.ofNullable(killNote);
  }

  private boolean sharded() {
    return settings.shards() > 1;
  }

  private List<Integer> modelsPerShard(SyntheticMatrix matrix) {
    int[] counts = new int[settings.shards()];
    for (int m = 0; m < matrix.models(); m++) {
      counts[ModelShards.shardOf(matrix.modelId(m), settings.shards())]++;
    }
    return java.util.Arrays.stream(counts).boxed().toList();
  }

  /** The first frame laying out every model, and when it was seen (seconds since the start). */
  private record FullLayout(double seconds, CoordinateFrame frame) {}

  /**
   * Waits for a frame laying out every model (large maps lay out in the background): one consumer reads
   * the frames once, as they come. No model completes after it, so it is also the corpus's last frame.
   */
  private FullLayout awaitLayout(KafkaConnection connection, int models, Aggregators aggregator, long started)
      throws TimeoutException, InterruptedException {
    // at S > 1 a frame has no positions: the one summed over every model's row is the last
    try (FirstSeenProbe<CoordinateFrame> frames = new FirstSeenProbe<>(connection,
        connection.topics().coordinateFrame(), f -> sharded() ? f.getModelCount() == models
            : f.getPositions().size() == models).start("layout-probe")) {
      awaitCount(frames::seenCount, 1, "full layouts", aggregator, started);
      return new FullLayout(seconds(frames.firstSeenNanos(CORPUS) - started), frames.latest().get(CORPUS));
    }
  }

  private void awaitFinal(FirstSeenProbe<NeighborList> probe, int models, Aggregators aggregator, long started)
      throws TimeoutException, InterruptedException {
    awaitCount(probe::seenCount, models, "models mapped", aggregator, started);
  }

  private void awaitCount(java.util.function.IntSupplier count, int wanted, String what, Aggregators aggregator,
      long started) throws TimeoutException, InterruptedException {
    // looks at the probe's map every millisecond: a latency resolution of about a millisecond
    new Waiter(out, Clock.systemUTC(), Duration.ofMillis(1), Duration.ofSeconds(10)).until(() -> {
      if (!aggregator.isAlive()) {
        throw new IllegalStateException("an aggregator JVM exited; see aggregator*/aggregator.log under "
            + settings.dataDir());
      }
      int seen = count.getAsInt();
      return new Waiter.Status(seen >= wanted,
          String.format("  %.0f s: %d of %d %s", seconds(System.nanoTime() - started), seen, wanted, what),
          "only " + seen + " of " + wanted + " " + what + " within " + patience().toMinutes() + " minutes");
    }, patience());
  }

  /**
   * How long a wait may last: an hour, or more where the K²·N/2 products of the KL sums alone take longer at a
   * conservative 10⁹ per second (K = 100,000, N = 1,000: about 83 minutes).
   */
  private Duration patience() {
    double products = (double) settings.models() * settings.models() * settings.texts() / 2;
    return Duration.ofSeconds(Math.max(3_600, (long) (products / 1e9)));
  }

  /** The probe models' streamed ridge predictions against ridge on the reference KL ({@link StreamCheck#predictions}). */
  private static double comparePredictions(SyntheticMatrix matrix, BatchReference reference, PredictionLoad load,
      FirstSeenProbe<ScorePredictions> predictions, int bulk) {
    List<String> ids = IntStream.range(0, matrix.models()).mapToObj(matrix::modelId).toList();
    List<String> families = IntStream.range(0, matrix.models()).mapToObj(m -> String.format("fam%02d", matrix.family(m)))
        .toList();
    return StreamCheck.predictions(ids, families, reference, load, bulk, (model, benchmark) ->
        ridge(predictions.latest().get(model)).filter(p -> p.getBenchmarkId().equals(benchmark)).findFirst()
            .orElseThrow().getPredicted());
  }

  /** The ridge-from-Q entries of a record (collaborative ones, method cpp, ride along). */
  private static java.util.stream.Stream<io.modelmap.schemas.avro.ScorePrediction> ridge(ScorePredictions p) {
    return p.getPredictions().stream().filter(e -> e.getMethod().toString().equals(PredictionProcessor.METHOD));
  }

  /** Every streamed neighbour list and the frame's column means against the reference ({@link StreamCheck#neighbours}). */
  private static StreamCheck.NeighbourCheck compare(SyntheticMatrix matrix, BatchReference reference,
      SampledReference sampled, FirstSeenProbe<NeighborList> probe, CoordinateFrame frame) {
    List<String> ids = IntStream.range(0, matrix.models()).mapToObj(matrix::modelId).toList();
    java.util.Map<String, List<StreamCheck.Neighbour>> lists = new java.util.HashMap<>();
    probe.latest().forEach((id, list) -> lists.put(id, list.getNeighbors().stream()
        .map(e -> new StreamCheck.Neighbour(e.getModelId().toString(), e.getKlNats())).toList()));
    return StreamCheck.neighbours(ids, reference, sampled, lists, frame.getColumnMeans());
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
