package io.modelmap.producer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.formats.benchmark.ParsedItems;
import org.junit.jupiter.api.Test;

/** The bundled demo benchmark (moved here from ItemFilesTest when the readers moved to formats; unchanged). */
class DemoBenchmarkTest {
  @Test
  void theBundledDemoBenchmarkReadsWithoutProblems() {
    ParsedItems demo = DemoBenchmark.items();
    assertThat(demo.items()).hasSize(24).allSatisfy(i -> assertThat(i.getBenchmarkId()).isEqualTo(DemoBenchmark.ID));
  }
}
