package io.modelmap.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsCsvWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteModelsInClusterOrderWithTheirCategoryAndLeakage() throws IOException {
    CoordinateFrame frame = CoordinateFrame.newBuilder().setCorpusId("pile-10k").setVersion(1).setModelCount(2)
        .setColumnMeans(List.of(-1.0, -2.0)).setMeanTextBytes(770.5)
        .setPositions(List.of(new ModelPosition("b/m", 0.5, -0.5, "Github"), new ModelPosition("a/m", 0.0, 0.0, null)))
        .build();
    ModelAnalytics analytics = ModelAnalytics.newBuilder().setCorpusId("pile-10k").setCompleteModels(2)
        .setDimension90(1).setDimension95(2).setCumulativeVariance(List.of(0.75, 1.0)).setClusterOrder(List.of("b/m", "a/m"))
        .setLeakage(List.of(new LeakageEntry("a/m", 0.5, -1.25, 0.75))).build();

    AnalyticsCsvWriter.write(analytics, frame, dir);

    assertThat(Files.readString(dir.resolve("analytics.csv"))).isEqualTo("""
        model_id,cluster_order,primary_category,leakage,mean_log_likelihood,benchmark_standing
        b/m,1,Github,,,
        a/m,2,,0.5,-1.25,0.75
        """);
    assertThat(Files.readString(dir.resolve("effective-dimension.csv"))).isEqualTo("""
        axes,cumulative_variance
        1,0.75
        2,1.0
        """);
  }

  @Test
  void shouldWriteOnlyTheHeadersBeforeAnyAnalytics() throws IOException {
    AnalyticsCsvWriter.write(null, null, dir);

    assertThat(Files.readString(dir.resolve("analytics.csv")))
        .isEqualTo("model_id,cluster_order,primary_category,leakage,mean_log_likelihood,benchmark_standing\n");
    assertThat(Files.readString(dir.resolve("effective-dimension.csv"))).isEqualTo("axes,cumulative_variance\n");
  }
}
