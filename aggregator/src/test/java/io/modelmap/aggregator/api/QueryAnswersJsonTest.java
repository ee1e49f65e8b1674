package io.modelmap.aggregator.api;

import static io.modelmap.aggregator.api.BodyMappingTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelEmbedding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON of each endpoint that assembles its body from several views, pinned on a small hand-built set
 * of views; every expected string is written by hand from the records below (the reasoning in comments).
 */
class QueryAnswersJsonTest {
  // a/m: registered, complete, with accuracy, neighbours and a position; its old failure no longer counts.
  // b/m: complete but never registered, its y undefined (NaN). c/m: registered, scoring, refused by the worker.
  // d/m: registered only, its task failed after retries.
  /** The complete models in clustering order: a/m, b/m. */
  private static final ModelAnalytics ANALYTICS = ModelAnalytics.newBuilder(ViewRecords.analytics()).setCompleteModels(2)
      .setClusterOrder(List.of("a/m", "b/m")).build();
  private final InMemoryViews views = new InMemoryViews()
      .put(Views.REGISTERED, ModelRegistered::getModelId,
          List.of(ViewRecords.registered("a/m"), ViewRecords.registered("c/m"), ViewRecords.registered("d/m")))
      .put(Views.COORDINATES, ModelCoordinates::getModelId, List.of(
          ViewRecords.coordinates("a/m", true, List.of(1.0, -0.5, -0.5)),
          ViewRecords.coordinates("b/m", true, List.of(-1.0, 0.5, 0.5)),
          ViewRecords.coordinates("c/m", false, List.of())))
      .put(Views.ACCURACY, ModelAccuracy::getModelId, List.of(ViewRecords.accuracy()))
      .put(Views.FRAMES, CoordinateFrame::getCorpusId, List.of(ViewRecords.frame(
          new ModelPosition("a/m", 1.0, 2.0, "code"), new ModelPosition("b/m", -1.0, Double.NaN, null))))
      .put(Views.NEIGHBORS, NeighborList::getModelId, List.of(ViewRecords.neighbors()))
      .put(Views.FAILURES, QueryAnswersJsonTest::keyOf, List.of(ViewRecords.failure("a/m", "failed-after-retries"),
          ViewRecords.failure("c/m", "source-refused"), ViewRecords.failure("d/m", "failed-after-retries")))
      .put(Views.AGREEMENT, p -> p.getModelA() + "|" + p.getModelB(), List.of(ViewRecords.agreement(),
          ErrorAgreement.newBuilder(ViewRecords.agreement()).setModelA("c/m").setModelB("a/m").setItems(0).setSame(0)
              .setCorrectA(0).setCorrectB(0).build()))
      .put(Views.ANALYTICS, a -> a.getCorpusId(), List.of(ANALYTICS))
      .put(Views.QUALITY, PredictionQuality::getBenchmarkId, List.of(ViewRecords.quality()))
      .put(Views.PREDICTIONS, ScorePredictions::getModelId, List.of(ViewRecords.predictions()))
      .put(Views.RESPONSE_SIMILARITY, s -> s.getModelA() + "|" + s.getModelB(), List.of(ViewRecords.similarity()))
      .put(Views.EMBEDDINGS, ModelEmbedding::getModelId, List.of(ViewRecords.embedding()));
  private final ModelCatalog catalog = new ModelCatalog(views);
  private final Analyses analyses = new Analyses(views, catalog);

  private static final String A_SUMMARY = "{\"modelId\":\"a/m\",\"status\":\"complete\",\"corpusId\":\"pile\","
      + "\"family\":\"llama\",\"modelType\":\"llama\",\"parameterCount\":1000,\"labels\":{\"type\":\"base\"},"
      + "\"sourceUri\":\"file:/models/a/m\",\"benchmarks\":[\"arc\"],\"textsScored\":3,\"corpusSize\":3,"
      + "\"meanLogLikelihood\":-2.0,\"answered\":10,\"accuracy\":0.6,\"x\":1.0,\"y\":2.0,\"primaryCategory\":\"code\"";

  private static String keyOf(DeadLetter letter) {
    ByteBuffer key = letter.getOriginalKey().duplicate();
    return StandardCharsets.UTF_8.decode(key).toString();
  }

  @Test
  void shouldListModelsWithTheirStateFromEveryView() throws Exception {
    // b/m: no registration fields; y NaN is left out. c/m: not complete and refused (source-refused); its mean
    // log-likelihood is NaN, left out. d/m: no coordinates, so registered, then failed (failed-after-retries).
    assertThat(json(catalog.models())).isEqualTo("[" + A_SUMMARY + "},"
        + "{\"modelId\":\"b/m\",\"status\":\"complete\",\"corpusId\":\"pile\",\"textsScored\":3,\"corpusSize\":3,"
        + "\"meanLogLikelihood\":-2.0,\"x\":-1.0},"
        + "{\"modelId\":\"c/m\",\"status\":\"refused\",\"corpusId\":\"pile\",\"family\":\"llama\",\"modelType\":\"llama\","
        + "\"parameterCount\":1000,\"labels\":{\"type\":\"base\"},\"sourceUri\":\"file:/models/c/m\",\"benchmarks\":[\"arc\"],"
        + "\"textsScored\":3,\"corpusSize\":3,\"failure\":{\"reason\":\"source-refused\","
        + "\"message\":\"task 1 of model c/m: no such folder\"}},"
        + "{\"modelId\":\"d/m\",\"status\":\"failed\",\"corpusId\":\"pile\",\"family\":\"llama\",\"modelType\":\"llama\","
        + "\"parameterCount\":1000,\"labels\":{\"type\":\"base\"},\"sourceUri\":\"file:/models/d/m\",\"benchmarks\":[\"arc\"],"
        + "\"failure\":{\"reason\":\"failed-after-retries\",\"message\":\"task 1 of model d/m: no such folder\"}}]");
  }

  @Test
  void shouldDescribeOneModelWithItsNeighboursAndPartners() throws Exception {
    // the partner's rate is NaN: left out; no least-correlated partners: an empty list
    assertThat(json(catalog.model("a/m").orElseThrow())).isEqualTo(A_SUMMARY + ",\"neighborsProvisional\":false,"
        + "\"neighbors\":[{\"modelId\":\"b/m\",\"klNats\":0.5,\"klBitsPerByte\":0.25,\"overlap\":3}],"
        + "\"mostCorrelated\":[{\"modelId\":\"b/m\",\"bothWrong\":3,\"baselineBothWrong\":0.2}],\"leastCorrelated\":[]}");
    // no neighbour list: an empty list; no accuracy: no partners at all
    assertThat(json(catalog.model("b/m").orElseThrow())).isEqualTo("{\"modelId\":\"b/m\",\"status\":\"complete\","
        + "\"corpusId\":\"pile\",\"textsScored\":3,\"corpusSize\":3,\"meanLogLikelihood\":-2.0,\"x\":-1.0,"
        + "\"neighbors\":[]}");
    assertThat(catalog.model("nobody/m")).isEmpty();
  }

  @Test
  void shouldDrawTheMapWithEachModelsLabels() throws Exception {
    // b/m's y is NaN: a plain number on the map, so 0.0; it has no family, type or accuracy
    assertThat(json(analyses.map(null))).isEqualTo("{\"corpusId\":\"pile\",\"modelCount\":2,\"mapMethod\":\"pca\","
        + "\"meanTextBytes\":100.0,\"points\":[{\"modelId\":\"a/m\",\"x\":1.0,\"y\":2.0,\"primaryCategory\":\"code\","
        + "\"family\":\"llama\",\"modelType\":\"llama\",\"meanLogLikelihood\":-2.0,\"accuracy\":0.6},"
        + "{\"modelId\":\"b/m\",\"x\":-1.0,\"y\":0.0,\"meanLogLikelihood\":-2.0}]}");
  }

  @Test
  void shouldComputeKlFromTheTwoXiRows() throws Exception {
    // ‖(1,−0.5,−0.5) − (−1,0.5,0.5)‖² = 4 + 1 + 1 = 6; over 2N = 6: 1 nat per text; 1 / 100 bytes / ln 2 bits per byte
    JsonNode kl = new ObjectMapper().readTree(json(analyses.kl("a/m", "b/m")));

    assertThat(kl.fieldNames()).toIterable().containsExactly("a", "b", "corpusId", "klNats", "klBitsPerByte");
    assertThat(kl.get("corpusId").asText()).isEqualTo("pile");
    assertThat(kl.get("klNats").asDouble()).isEqualTo(1.0);
    assertThat(kl.get("klBitsPerByte").asDouble()).isCloseTo(0.014426950408889634, within(1e-15));
  }

  @Test
  void shouldComputeTheKlMatrixInClusteringOrder() throws Exception {
    // the two complete models in clustering order; KL(a, b) = KL(b, a) = 1 nat per text (above), 0 on the diagonal
    JsonNode matrix = new ObjectMapper().readTree(json(analyses.klMatrix(null, 100)));

    assertThat(matrix.fieldNames()).toIterable().containsExactly("corpusId", "completeModels", "models", "klBitsPerByte");
    assertThat(matrix.get("models").toString()).isEqualTo("[\"a/m\",\"b/m\"]");
    assertThat(matrix.get("completeModels").asInt()).isEqualTo(2);
    assertThat(matrix.at("/klBitsPerByte/0/0").asDouble()).isEqualTo(0.0);
    assertThat(matrix.at("/klBitsPerByte/1/1").asDouble()).isEqualTo(0.0);
    assertThat(matrix.at("/klBitsPerByte/0/1").asDouble()).isCloseTo(0.014426950408889634, within(1e-15));
    assertThat(matrix.at("/klBitsPerByte/1/0").asDouble()).isCloseTo(0.014426950408889634, within(1e-15));
  }

  @Test
  void shouldTabulateTheJudgeFromEveryPairItIsIn() throws Exception {
    // a/m judges b/m (a is first: b's correct count 8): judged 7/10, true 8/10, inflation 0.7 − 0.8;
    // a/m judges c/m over no items: every rate undefined, left out
    assertThat(json(analyses.judge("a/m"))).isEqualTo("{\"judge\":\"a/m\",\"models\":["
        + "{\"modelId\":\"b/m\",\"items\":10,\"trueAccuracy\":0.8,\"judgedAccuracy\":0.7,\"inflation\":"
        + (0.7 - 0.8) + "},{\"modelId\":\"c/m\",\"items\":0}]}");
  }

  @Test
  void shouldListAgreementAndAnalytics() throws Exception {
    assertThat(json(analyses.agreement())).startsWith("[{\"modelA\":\"a/m\",\"modelB\":\"b/m\",\"items\":10,")
        .contains("{\"modelA\":\"c/m\",\"modelB\":\"a/m\",\"items\":0,");
    assertThat(json(analyses.analytics(null))).isEqualTo("{\"corpusId\":\"pile\",\"completeModels\":2,"
        + "\"cumulativeVariance\":[0.5,1.0,null],\"dimension90\":2,\"dimension95\":2,\"clusterOrder\":[\"a/m\",\"b/m\"],"
        + "\"leakageBenchmarks\":[\"mmlu\"],\"leakage\":[{\"modelId\":\"a/m\",\"leakage\":1.5,\"meanLogLikelihood\":-2.0,"
        + "\"benchmarkStanding\":0.0}]}");
  }

  @Test
  void shouldGatherABenchmarksQualityAndModels() throws Exception {
    // only arc: a/m's ridge prediction, observed, not out of fold (no outOfFold); mmlu is another benchmark
    assertThat(json(new PredictionAnswers(views).benchmark("arc"))).isEqualTo("{\"benchmarkId\":\"arc\",\"quality\":["
        + "{\"benchmarkId\":\"arc\",\"method\":\"ridge\",\"corpusId\":\"pile\",\"models\":12,\"folds\":4,"
        + "\"grouping\":\"family\",\"pearsonR\":0.8,\"spearmanRho\":null,\"alpha\":1.0,\"meanSquaredError\":null}],"
        + "\"models\":[{\"modelId\":\"a/m\",\"method\":\"ridge\",\"predicted\":61.5,\"observed\":60.0,\"outOfFold\":null}]}");
  }

  @Test
  void shouldTellLineageFromBothViews() throws Exception {
    // a/m: b/m by KL and by responses (ROUGE-L 0.4); b/m: no KL list, a/m by responses
    assertThat(json(new LineageAnswers(views).lineage(5))).isEqualTo("[{\"modelId\":\"a/m\",\"klNeighbors\":[\"b/m\"],"
        + "\"responseNeighbors\":[\"b/m\"],\"agreeing\":[\"b/m\"]},{\"modelId\":\"b/m\",\"klNeighbors\":[],"
        + "\"responseNeighbors\":[\"a/m\"],\"agreeing\":[]}]");
    assertThat(json(new LineageAnswers(views).similarity())).isEqualTo("[{\"modelA\":\"a/m\",\"modelB\":\"b/m\","
        + "\"prompts\":3,\"rouge1F\":0.5,\"rouge2F\":0.25,\"rougeLF\":0.4,\"bleu\":0.0,\"meteor\":null}]");
  }

  @Test
  void shouldListEmbeddings() throws Exception {
    assertThat(json(new RouteAnswers(views, null).embeddings())).isEqualTo("[{\"modelId\":\"a/m\","
        + "\"vector\":[0.25,-1.0],\"trainingVersion\":3,\"method\":\"embedllm\",\"questions\":40,"
        + "\"trainingAccuracy\":0.75,\"heldOutAccuracy\":null,\"updatedAtMs\":1700000000000}]");
  }

  @Test
  void shouldWriteAnUpdateEventAsTopicAndKey() throws Exception {
    assertThat(json(new UpdateBroadcaster.UpdateEvent("model-coordinates", "a/m")))
        .isEqualTo("{\"topic\":\"model-coordinates\",\"key\":\"a/m\"}");
    assertThat(json(new UpdateBroadcaster.UpdateEvent("coordinate-frame", null)))
        .isEqualTo("{\"topic\":\"coordinate-frame\",\"key\":null}");
  }
}
