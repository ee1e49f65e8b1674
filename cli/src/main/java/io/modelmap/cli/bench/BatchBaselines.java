package io.modelmap.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a user would run instead of streaming, timed on the same L in the same run: the scalar Java
 * loop (the reference the streamed outputs are checked against), a blocked multithreaded Java Gram, and
 * NumPy with its BLAS when present. Each result is checked against the reference.
 *
 * @param scalarSeconds pairwise scalar loops
 * @param blockedSeconds blocked Java, Q·Qᵀ
 * @param blockedMaxRelative its largest relative KL difference from the reference
 * @param numpy NumPy's seconds and description, and its largest relative KL difference, when present
 */
public record BatchBaselines(double scalarSeconds, double blockedSeconds, double blockedMaxRelative,
    Optional<Numpy> numpy) {

  /** NumPy's figures. */
  public record Numpy(double seconds, String describe, double maxRelative) {}

  static BatchBaselines measure(double[][] l, NotebookRecompute reference, Path workDir, PrintStream out)
      throws IOException, InterruptedException {
    BlockedRecompute blocked = BlockedRecompute.of(l);
    Optional<NumpyRecompute> numpy = NumpyRecompute.of(l, workDir);
    if (numpy.isEmpty()) {
      out.println("No python3 with NumPy found (set MODELMAP_PYTHON): the baseline is Java's blocked product alone");
    }
    return new BatchBaselines(reference.nanos() / 1e9, blocked.nanos() / 1e9,
        maxRelative(blocked.klNats(), reference.klNats()),
        numpy.map(n -> new Numpy(n.seconds(), n.describe(), maxRelative(n.klNats(), reference.klNats()))));
  }

  /** The faster of what users would really run: NumPy, or Java's blocked product. */
  public double fastestSeconds() {
    return numpy.map(n -> Math.min(n.seconds(), blockedSeconds)).orElse(blockedSeconds);
  }

  public String fastestName() {
    return numpy.isPresent() && numpy.get().seconds() < blockedSeconds ? "NumPy" : "Java blocked";
  }

  private static double maxRelative(double[][] a, double[][] reference) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        if (i != j) {
          max = Math.max(max, Math.abs(a[i][j] - reference[i][j]) / Math.abs(reference[i][j]));
        }
      }
    }
    return max;
  }
}
