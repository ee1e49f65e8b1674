package io.modelmap.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.NeighborList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportCoverageTest {
  private static final Set<String> FOUR = Set.of("a/m", "b/m", "c/m", "d/m");

  @Test
  void shouldBeCompleteWhenEveryViewCoversEveryCompleteModelAndScore() {
    ExportCoverage coverage = ExportCoverage.of("c1", FOUR, frame(4, "a/m", "b/m", "c/m", "d/m"), finalLists(FOUR),
        analytics(4, 8, "d/m", "a/m", "c/m", "b/m"), 8);

    assertThat(coverage.complete()).isTrue();
    assertThat(coverage.gaps()).isEmpty();
  }

  @Test
  void shouldNameEveryFileTheLaggingAnalyticsLeaveShort() {
    // the state the bug left: the last model completed, the analytics still from three models and fewer scores
    ExportCoverage coverage = ExportCoverage.of("c1", FOUR, frame(4, "a/m", "b/m", "c/m", "d/m"), finalLists(FOUR),
        analytics(3, 6, "a/m", "b/m", "c/m"), 8);

    assertThat(coverage.complete()).isFalse();
    assertThat(coverage.gaps()).containsExactly(
        "analytics.csv, effective-dimension.csv, predictions.csv: the analytics are over 3 of 4 complete models",
        "analytics.csv (leakage), predictions.csv: the analytics count 6 of 8 benchmark scores of complete models");
  }

  @Test
  void shouldWaitForNeitherPositionsNorAnalyticsOfACorpusWhoseFrameSaysItIsOverShards() {
    ExportCoverage unsharded = ExportCoverage.of("c1", FOUR, frame(4), finalLists(FOUR), null, 8);
    ExportCoverage sharded = ExportCoverage.of("c1", FOUR, overShards(frame(4), 3), finalLists(FOUR), null, 8);
    ExportCoverage shardedLagging = ExportCoverage.of("c1", FOUR, overShards(frame(3), 3),
        finalLists(Set.of("a/m", "b/m")), null, 8);

    assertThat(unsharded.complete()).isFalse();
    assertThat(sharded.complete()).isTrue();
    assertThat(shardedLagging.gaps()).containsExactly("Q.csv: the column means are over 3 of 4 complete models",
        "neighbors.csv: no final neighbour list yet for 2 of 4 complete models (c/m, d/m)");
  }

  @Test
  void shouldNameTheModelsWithoutPositionOrFinalNeighbours() {
    Map<String, NeighborList> lists = new java.util.HashMap<>(finalLists(Set.of("a/m", "b/m")));
    lists.put("c/m", list("c/m", "c1", true)); // still provisional
    lists.put("d/m", list("d/m", "other", false)); // of another corpus

    ExportCoverage coverage = ExportCoverage.of("c1", FOUR, frame(4, "b/m"), lists,
        analytics(4, 0, "d/m", "a/m", "c/m", "b/m"), 0);

    assertThat(coverage.gaps()).containsExactly(
        "map.csv: no position yet for 3 of 4 complete models (a/m, c/m, d/m)",
        "neighbors.csv: no final neighbour list yet for 2 of 4 complete models (c/m, d/m)");
  }

  @Test
  void shouldSayTheFrameAndAnalyticsAreMissingBeforeTheFirstAndCountTheNamesPastThree() {
    ExportCoverage coverage = ExportCoverage.of("c1", FOUR, null, Map.of(), null, 0);

    assertThat(coverage.gaps()).containsExactly(
        "Q.csv: the column means are over 0 of 4 complete models",
        "map.csv: no position yet for 4 of 4 complete models (a/m, b/m, c/m and 1 more)",
        "neighbors.csv: no final neighbour list yet for 4 of 4 complete models (a/m, b/m, c/m and 1 more)",
        "analytics.csv, effective-dimension.csv, predictions.csv: the analytics are over 0 of 4 complete models");
  }

  @Test
  void shouldNameAModelTheClusteringOrderLacksWhenTheCountsAgree() {
    ExportCoverage coverage = ExportCoverage.of("c1", FOUR, frame(4, "a/m", "b/m", "c/m", "d/m"), finalLists(FOUR),
        analytics(4, 0, "a/m", "b/m", "c/m", "x/m"), 0);

    assertThat(coverage.gaps()).containsExactly("analytics.csv: the clustering order lacks 1 of 4 complete models (d/m)");
  }

  @Test
  void shouldHaveNothingToWaitForWithoutCompleteModels() {
    assertThat(ExportCoverage.of("c1", Set.of(), null, Map.of(), null, 0).complete()).isTrue();
  }

  private static CoordinateFrame frame(int models, String... positioned) {
    return CoordinateFrame.newBuilder().setCorpusId("c1").setVersion(models).setModelCount(models)
        .setColumnMeans(List.of(-1.0)).setMeanTextBytes(100.0)
        .setPositions(java.util.Arrays.stream(positioned).map(m -> new ModelPosition(m, 0.0, 0.0, null)).toList())
        .build();
  }

  private static CoordinateFrame overShards(CoordinateFrame frame, int shards) {
    frame.setShards(shards);
    return frame;
  }

  private static ModelAnalytics analytics(int models, int scores, String... order) {
    return ModelAnalytics.newBuilder().setCorpusId("c1").setCompleteModels(models).setObservedScores(scores)
        .setDimension90(1).setDimension95(1).setClusterOrder(List.of(order))
        .setLeakage(List.of(new LeakageEntry(order[0], 0.5, -1.0, 0.25))).build();
  }

  private static Map<String, NeighborList> finalLists(Set<String> models) {
    Map<String, NeighborList> lists = new java.util.HashMap<>();
    models.forEach(m -> lists.put(m, list(m, "c1", false)));
    return lists;
  }

  private static NeighborList list(String model, String corpus, boolean provisional) {
    return NeighborList.newBuilder().setModelId(model).setCorpusId(corpus).setProvisional(provisional)
        .setTextsScored(5).setNeighbors(List.of()).build();
  }
}
