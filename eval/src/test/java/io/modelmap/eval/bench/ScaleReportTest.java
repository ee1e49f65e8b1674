package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleReportTest {
  // 10 bulk models × 100 texts in 2 s; NumPy 1.5 s beats Java's blocked 2 s; median latency 50 ms
  private static final ScaleReport REPORT = new ScaleReport(12, 100, 10, 2.0, 3.0, 50, 80, 2,
      new BatchBaselines(4, false, 2.0, 1e-15, Optional.of(new BatchBaselines.Numpy(1.5, "NumPy 2", 1e-15))), 30, "512m",
      200, 1048576, 1e-12, 12, 12, 0.5, new ScaleReport.Prediction(3, 10, 4.0, 120, 300, 1e-13));

  @Test
  void shouldComputeThroughputAndSpeedUpFromTheFigures() {
    assertThat(REPORT.scoresPerSecond()).as("10 × 100 scores / 2 s").isCloseTo(500, within(1e-9));
    assertThat(REPORT.speedupPerArrival()).as("1.5 s / 50 ms").isCloseTo(30, within(1e-9));
  }

  @Test
  void shouldPrintTheFiguresAsTheReadmeTable() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    REPORT.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String table = printed.toString(StandardCharsets.UTF_8);

    assertThat(table).contains("| models × texts | 12 × 100 = 1,200 scores | 1,000 × 10,000 |",
        "| streaming vs the faster batch (NumPy), per arrival | 30.0× faster | ≥ 30× at K = 10,000 |",
        "| aggregator RocksDB state on disk | 1.0 MiB | |",
        "| last score → predictions of all 3 benchmarks, at K ≈ 12 | median 120 ms, p99 300 ms | ≤ 2 s |");
  }

  @Test
  void shouldSayWhatIsNotMeasuredAboveOneShard() {
    ScaleReport sharded = new ScaleReport(12, 100, 10, 2.0, 3.0, 50, 80, 2, REPORT.baselines(), 90,
        "512m each; summed over 3 JVMs", 600, 3 * 1048576, 1e-12, 12, 12, Double.NaN, REPORT.prediction());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    sharded.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String table = printed.toString(StandardCharsets.UTF_8);

    assertThat(table).contains("| aggregator heap (own JVM, -Xmx512m each; summed over 3 JVMs): max in use after GC | 90 MiB |",
        "| aggregator RocksDB state on disk | 3.0 MiB | |",
        "| map layout of all 12 models | none with --shards above 1",
        "| last score → predictions of all 3 benchmarks, at K ≈ 12 | median 120 ms, p99 300 ms | ≤ 2 s |")
        .as("ridge-q is fitted from the rows at S > 1: its figures are printed as at S = 1").doesNotContain("NaN");
  }

  @Test
  void shouldSayWhichBaselinesWereNotRunOrExtrapolatedWhereKTimesKDoesNotFit() {
    BatchBaselines rowsOnly = new BatchBaselines(900, true, Double.NaN, Double.NaN,
        Optional.of(new BatchBaselines.Numpy(60, "NumPy 2", 1e-15, 1_020)));
    ScaleReport large = new ScaleReport(12, 100, 10, 2.0, 3.0, 50, 80, 2, rowsOnly, 30, "512m", 200, 1048576, 1e-12, 12,
        12, 0.5, REPORT.prediction());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    large.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
        "| batch recompute per arrival, Java blocked Q·Qᵀ (register tiles, every core) | not run: K×K does not fit"
            + " above 20,000 models | |",
        "| batch recompute per arrival, NumPy (NumPy 2) | 60.000 s (extrapolated: the centring and 1,020 of the K rows"
            + " timed) (KL within 1e-15) | |",
        "| streaming vs the faster batch (NumPy), per arrival | 1200.0× faster |").doesNotContain("NaN");
  }
}
