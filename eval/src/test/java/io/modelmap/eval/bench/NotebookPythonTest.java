package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotebookPythonTest {
  /** Prints the two OpenBLAS variables and one unrelated variable as the child sees them. */
  private static final String PRINT_ENV = "import os; print(os.environ.get('OPENBLAS_CORETYPE'),"
      + " os.environ.get('OPENBLAS_L2_SIZE'), os.environ.get('MODELMAP_UNRELATED'))";

  @Test
  void shouldRemoveBothOpenblasOverridesAndKeepTheRestOfTheChildsEnvironment() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(NotebookPython.executable(), "-c", PRINT_ENV);
    builder.environment().put("OPENBLAS_CORETYPE", "Haswell");
    builder.environment().put("OPENBLAS_L2_SIZE", "512");
    builder.environment().put("MODELMAP_UNRELATED", "kept");

    String printed = run(NotebookPython.withoutMachineTuning(builder));

    assertThat(printed).isEqualTo("None None kept");
  }

  @Test
  void shouldStartTheBaselinesPythonWithoutTheOverridesThisJvmInherited() throws Exception {
    String printed = run(NotebookPython.command(List.of("-c", PRINT_ENV)));

    assertThat(printed).startsWith("None None ");
  }

  private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process;
    try {
      process = builder.redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "needs python3 (or $MODELMAP_PYTHON)");
      throw e;
    }
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    return printed;
  }
}
