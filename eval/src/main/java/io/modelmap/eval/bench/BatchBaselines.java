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
 * @param blockedSeconds blocked Java, Q·Qᵀ
 * @param blockedMaxRelative its largest relative KL difference from the reference
 * @param numpy NumPy's seconds and description, and its largest relative KL difference, when present
 */
public record BatchBaselines(double scalarSeconds, boolean scalarExtrapolated, double blockedSeconds,
    double blockedMaxRelative, Optional<Numpy> numpy) {
  /** Above this many models the scalar loops are not run whole (at K = 10,000 they take about ten minutes). */
  public static final int SCALAR_LIMIT = 3_000;

  /** NumPy's figures. */
  public record Numpy(double seconds, String describe, double maxRelative) {}

  public static BatchBaselines measure(double[][] l, SampledReference reference, Path workDir, PrintStream out)
      throws IOException, InterruptedException {
    int k = l.length;
    boolean extrapolate = k > SCALAR_LIMIT;
    double scalar = extrapolate
        ? reference.secondsPerPair() * k * (k - 1) / 2.0
        : NotebookBaseline.of(l).nanos() / 1e9;
    out.printf("Scalar loops: %.1f s%s; now the blocked Java Gram ...%n", scalar,
        extrapolate ? " (extrapolated from " + reference.rows().length + " rows)" : "");
    BlockedBaseline blocked = BlockedBaseline.of(l);
    double blockedMax = reference.maxRelative(SampledReference.rowsOf(blocked.klNats(), reference.sample()));
    double blockedSeconds = blocked.nanos() / 1e9;
    blocked = null; // K×K: let it go before NumPy's
    out.printf("Blocked Java Gram: %.1f s; now NumPy ...%n", blockedSeconds);
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(l, workDir, reference.sample(), k > SCALAR_LIMIT ? 1 : 3);
    if (numpy.isEmpty()) {
      out.println("No python3 with NumPy found (set MODELMAP_PYTHON): the baseline is Java's blocked product alone");
    } else {
      out.printf("NumPy: %.3f s on %s%n", numpy.get().seconds(), numpy.get().describe());
    }
    return new BatchBaselines(scalar, extrapolate, blockedSeconds, blockedMax,
        numpy.map(n -> new Numpy(n.seconds(), n.describe(), reference.maxRelative(n.klRows()))));
  }

  /** The faster of what users would really run: NumPy, or Java's blocked product. */
  public double fastestSeconds() {
    return numpy.map(n -> Math.min(n.seconds(), blockedSeconds)).orElse(blockedSeconds);
  }

  /** "NumPy" or "Java blocked": the name of {@link #fastestSeconds()}. */
  public String fastestName() {
    return numpy.isPresent() && numpy.get().seconds() < blockedSeconds ? "NumPy" : "Java blocked";
  }
}
