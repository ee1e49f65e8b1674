package io.modelmap.eval.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The timed baselines, what a user would run instead of streaming, timed on the same L in the same run:
 * the scalar Java loops ({@link NotebookBaseline}), a blocked multithreaded Java Gram ({@link BlockedBaseline}),
 * and NumPy with its BLAS when present ({@link NumpyBaseline}). The blocked and NumPy results are checked
 * against the {@link io.modelmap.math.BatchReference reference}'s sampled rows (every row at K ≤ 1,000).
 *
 * @param scalarSeconds pairwise scalar loops: run whole up to {@link #SCALAR_LIMIT} models, above that
 *     extrapolated from the reference's sampled rows (K²/2 pairs at their measured time per pair)
 * @param scalarExtrapolated whether {@code scalarSeconds} was extrapolated
 * @param blockedSeconds blocked Java, Q·Qᵀ; NaN above {@link #SQUARE_LIMIT} models (not run)
 * @param blockedMaxRelative its largest relative KL difference from the reference; NaN where not run
 * @param numpy NumPy's seconds and description, and its largest relative KL difference, when present
 */
public record BatchBaselines(double scalarSeconds, boolean scalarExtrapolated, double blockedSeconds,
    double blockedMaxRelative, Optional<Numpy> numpy) {
  /** Above this many models the scalar loops are not run whole (at K = 10,000 they take about ten minutes). */
  public static final int SCALAR_LIMIT = 3_000;

  /**
   * Above this many models the K×K products are not formed (at 20,000 the Gram and KL already take 6.4 GB; at
   * 100,000, 160 GB): the blocked Java product is not run and NumPy computes the sampled rows only, its whole
   * recompute's time extrapolated from them.
   */
  public static final int SQUARE_LIMIT = 20_000;

  /**
   * NumPy's figures.
   *
   * @param extrapolatedFromRows 0 when NumPy ran the whole recompute; else the rows its time was extrapolated from
   */
  public record Numpy(double seconds, String describe, double maxRelative, int extrapolatedFromRows) {
    /** A whole recompute. */
    public Numpy(double seconds, String describe, double maxRelative) {
      this(seconds, describe, maxRelative, 0);
    }
  }

  public static BatchBaselines measure(double[][] l, SampledReference reference, Path workDir, PrintStream out)
      throws IOException, InterruptedException {
    int k = l.length;
    boolean extrapolate = k > SCALAR_LIMIT;
    double scalar = extrapolate
        ? reference.secondsPerPair() * k * (k - 1) / 2.0
        : NotebookBaseline.of(l).nanos() / 1e9;
    boolean square = k <= SQUARE_LIMIT;
    out.printf("Scalar loops: %.1f s%s; now %s ...%n", scalar,
        extrapolate ? " (extrapolated from " + reference.rows().length + " rows)" : "",
        square ? "the blocked Java Gram" : "NumPy on the sampled rows (K×K does not fit above " + SQUARE_LIMIT + " models)");
    double blockedSeconds = Double.NaN;
    double blockedMax = Double.NaN;
    if (square) {
      BlockedBaseline blocked = BlockedBaseline.of(l);
      blockedMax = reference.maxRelative(SampledReference.rowsOf(blocked.klNats(), reference.sample()));
      blockedSeconds = blocked.nanos() / 1e9;
      blocked = null; // K×K: let it go before NumPy's
      out.printf("Blocked Java Gram: %.1f s; now NumPy ...%n", blockedSeconds);
    }
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(l, workDir, reference.sample(), k > SCALAR_LIMIT ? 1 : 3, !square);
    if (numpy.isEmpty()) {
      out.println("No python3 with NumPy found (set MODELMAP_PYTHON): the baseline is Java's "
          + (square ? "blocked product" : "scalar loops") + " alone");
    } else {
      out.printf("NumPy: %.3f s%s on %s%n", numpy.get().seconds(), square ? ""
          : " (extrapolated from " + numpy.get().extrapolatedFromRows() + " rows)", numpy.get().describe());
    }
    return new BatchBaselines(scalar, extrapolate, blockedSeconds, blockedMax,
        numpy.map(n -> new Numpy(n.seconds(), n.describe(), reference.maxRelative(n.klRows()), n.extrapolatedFromRows())));
  }

  /** The faster of what users would really run: NumPy, or Java's blocked product (where they ran), else the loops. */
  public double fastestSeconds() {
    return switch (fastestName()) {
      case "NumPy" -> numpy.get().seconds();
      case "Java blocked" -> blockedSeconds;
      default -> scalarSeconds;
    };
  }

  /** "NumPy", "Java blocked" or "scalar Java loops": the name of {@link #fastestSeconds()}. */
  public String fastestName() {
    if (numpy.isPresent() && !(numpy.get().seconds() >= blockedSeconds)) { // also where blocked is NaN: not run
      return "NumPy";
    }
    return Double.isNaN(blockedSeconds) ? "scalar Java loops" : "Java blocked";
  }
}
