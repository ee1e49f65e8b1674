package io.modelmap.cli.architecture;

import io.modelmap.testsupport.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * The CLI's packages form a graph without cycles: the root ({@code ModelMapCli} and the first commands)
 * lists the commands, the audience packages ({@code operations}, {@code data}, {@code evaluation},
 * {@code models}, {@code bench}) hold them, and what they share ({@code support}, {@code hub},
 * {@code runtime}, {@code transfer}, {@code logging}) uses no command. A class that reaches "up" (a
 * command package using the root, {@code support} using a command) closes a cycle and fails this test,
 * naming the dependencies.
 */
class PackageCyclesTest {
  private static final PackageCycles CLI = PackageCycles.of("io.modelmap.cli");

  @Test
  void shouldHaveNoCycleBetweenTheCliSubpackages() {
    CLI.assertNoCycleBetweenSubpackages();
  }

  /** A cycle through the classes directly in the root package (see {@link PackageCycles#assertNoCycleThroughTheRoot}). */
  @Test
  void shouldHaveNoCycleThroughTheRootPackage() {
    CLI.assertNoCycleThroughTheRoot();
  }
}
