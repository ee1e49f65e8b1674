package io.modelmap.formats.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.FilePosition;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTableReaderTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadTheTaskFactorsAndFurtherColumnsAsLabels() throws IOException {
    Path file = Files.writeString(dir.resolve("benchmarks.csv"), """
        benchmark_id,ability,family,output_format,shots,language
        mmlu-pro,knowledge,MMLU,multiple choice,5,en
        "Größe, ""de""\",,,generation,,de
        arc_easy,reasoning,ARC,multiple choice,0,
        """);

    List<BenchmarkRegistered> benchmarks = BenchmarkTableReader.read(file, 1_700_000_000_000L);

    assertThat(benchmarks).extracting(b -> b.getBenchmarkId().toString())
        .containsExactly("mmlu-pro", "Größe, \"de\"", "arc_easy");
    BenchmarkRegistered mmlu = benchmarks.get(0);
    assertThat(mmlu.getAbility()).isEqualTo("knowledge");
    assertThat(mmlu.getShots()).isEqualTo(5);
    assertThat(mmlu.getLabels()).isEqualTo(Map.of("language", "en"));
    assertThat(mmlu.getRegisteredAtMs()).isEqualTo(1_700_000_000_000L);
    BenchmarkRegistered german = benchmarks.get(1);
    assertThat(german.getAbility()).isNull();
    assertThat(german.getShots()).isNull();
    assertThat(german.getOutputFormat()).isEqualTo("generation");
    assertThat(benchmarks.get(2).getShots()).isZero();
    assertThat(benchmarks.get(2).getLabels()).isEmpty();
  }

  @Test
  void shouldRefuseABadShotCountNamingFileLineAndField() throws IOException {
    Path file = Files.writeString(dir.resolve("benchmarks.csv"),
        "benchmark_id,ability,family,output_format,shots\nmmlu-pro,knowledge,MMLU,mc,5\narc_easy,reasoning,ARC,mc,-1\n");

    assertThatThrownBy(() -> BenchmarkTableReader.read(file, 0)).isInstanceOf(BadInputFile.class)
        .hasMessage("benchmarks.csv line 3, field shots: '-1' is not a count of examples (0, 1, 5, ...)")
        .extracting(e -> ((BadInputFile) e).position()).isEqualTo(new FilePosition("benchmarks.csv", 3, "shots"));
  }

  @Test
  void shouldRefuseAHeaderWithoutTheFactors() throws IOException {
    Path file = Files.writeString(dir.resolve("benchmarks.csv"), "benchmark,ability\nmmlu-pro,knowledge\n");

    assertThatThrownBy(() -> BenchmarkTableReader.read(file, 0))
        .hasMessageStartingWith("benchmarks.csv line 1: the header must start benchmark_id,ability,family,"
            + "output_format,shots");
  }
}
