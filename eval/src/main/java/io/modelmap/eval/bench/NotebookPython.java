package io.modelmap.eval.bench;

import java.util.List;

/**
 * Python started as a user's notebook would run it. This machine's environment sets {@code OPENBLAS_CORETYPE}
 * and {@code OPENBLAS_L2_SIZE} for old OpenBLAS builds; a current OpenBLAS then runs an older CPU's kernels
 * (Haswell instead of SkylakeX here, about 2.8 times slower at K = 1,000). They are removed from the child's
 * environment only: the bench's own JVM and every other process keep theirs.
 */
public final class NotebookPython {
  /** The variables a notebook would not have: removed from the baseline's environment. */
  public static final List<String> MACHINE_TUNING = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

  private NotebookPython() {}

  /** {@code $MODELMAP_PYTHON}, or {@code python3} on the PATH. */
  public static String executable() {
    return System.getenv().getOrDefault("MODELMAP_PYTHON", "python3");
  }

  /** A process builder for {@code executable() args...} whose environment lacks {@link #MACHINE_TUNING}. */
  public static ProcessBuilder command(List<String> args) {
    ProcessBuilder builder = new ProcessBuilder(executable());
    builder.command().addAll(args);
    return withoutMachineTuning(builder);
  }

  /** Removes {@link #MACHINE_TUNING} from {@code builder}'s environment (and from nothing else). */
  static ProcessBuilder withoutMachineTuning(ProcessBuilder builder) {
    builder.environment().keySet().removeAll(MACHINE_TUNING);
    return builder;
  }
}
