package io.modelmap.aggregator.architecture;

import io.modelmap.testsupport.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's packages form a graph without cycles: {@code app} assembles the features, the
 * features ({@code ingest}, {@code matrix}, {@code agreement}, ...) may use {@code support}, and
 * {@code support} uses no feature. A class that reaches "up" (a feature importing {@code app}, or
 * {@code support} importing a feature) closes a cycle and fails this test, naming the dependencies.
 */
class PackageCyclesTest {
  private static final PackageCycles AGGREGATOR = PackageCycles.of("io.modelmap.aggregator");

  @Test
  void shouldHaveNoCycleBetweenTheAggregatorsSubpackages() {
    AGGREGATOR.assertNoCycleBetweenSubpackages();
  }

  /** A cycle through the classes directly in the root package (see {@link PackageCycles#assertNoCycleThroughTheRoot}). */
  @Test
  void shouldHaveNoCycleThroughTheRootPackage() {
    AGGREGATOR.assertNoCycleThroughTheRoot();
  }
}
