package io.modelmap.aggregator.api;

import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.ChoiceCount;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small hand-built view values, with undefined (NaN) and absent (null) fields where the API must say so. */
final class ViewRecords {
  private ViewRecords() {}

  static ErrorAgreement agreement() {
    return ErrorAgreement.newBuilder().setModelA("a/m").setModelB("b/m").setItems(10).setSame(7).setBothCorrect(5)
        .setEitherWrong(5).setAgreeEitherWrong(2).setBothWrong(3).setAgreeBothWrong(2).setBaselineBothWrong(null)
        .setCorrectA(6).setCorrectB(8).setBothWrongByChoices(List.of(new ChoiceCount(4, 3L))).setOverall(0.7)
        .setBothCorrectRate(0.5).setRateEitherWrong(0.4).setRateBothWrong(Double.NaN).build();
  }

  static ModelAnalytics analytics() {
    return ModelAnalytics.newBuilder().setCorpusId("pile").setCompleteModels(3).setObservedScores(2)
        .setCumulativeVariance(List.of(0.5, 1.0, Double.NaN)).setDimension90(2).setDimension95(2)
        .setClusterOrder(List.of("a/m", "b/m", "c/m")).setLeakageBenchmarks(List.of("mmlu"))
        .setLeakage(List.of(new LeakageEntry("a/m", 1.5, -2.0, Double.NaN))).build();
  }

  static PredictionQuality quality() {
    return PredictionQuality.newBuilder().setBenchmarkId("arc").setMethod("ridge").setCorpusId("pile").setModels(12)
        .setFolds(4).setGrouping("family").setPearsonR(0.8).setSpearmanRho(Double.NaN).setAlpha(1.0)
        .setMeanSquaredError(null).build();
  }

  static ScorePredictions predictions() {
    return ScorePredictions.newBuilder().setModelId("a/m").setCorpusId("pile").setCompleteModels(5)
        .setPredictions(List.of(new ScorePrediction("arc", "ridge", 61.5, 60.0, null, 4),
            new ScorePrediction("mmlu", "cpp", Double.NaN, null, null, 5)))
        .build();
  }

  static ModelEmbedding embedding() {
    return ModelEmbedding.newBuilder().setModelId("a/m").setVector(List.of(0.25, -1.0)).setTrainingVersion(3)
        .setMethod("embedllm").setQuestions(40).setTrainingAccuracy(0.75).setHeldOutAccuracy(null)
        .setUpdatedAtMs(1_700_000_000_000L).build();
  }

  static ResponseSimilarity similarity() {
    return ResponseSimilarity.newBuilder().setModelA("a/m").setModelB("b/m").setPrompts(3).setRouge1F(0.5)
        .setRouge2F(0.25).setRougeLF(0.4).setBleu(Double.NaN).setSums(List.of(1L, 2L)).build();
  }

  static NeighborList neighbors() {
    return NeighborList.newBuilder().setModelId("a/m").setCorpusId("pile").setProvisional(false).setTextsScored(3)
        .setNeighbors(List.of(new NeighborEntry("b/m", 0.5, 0.25, 3))).build();
  }

  static ModelAccuracy accuracy() {
    return ModelAccuracy.newBuilder().setModelId("a/m").setAnswered(10).setCorrect(6).setAccuracy(0.6)
        .setMostCorrelated(List.of(new AgreementPartner("b/m", Double.NaN, 3L, 0.2)))
        .setLeastCorrelated(List.of()).build();
  }

  static ModelRegistered registered(String modelId) {
    return ModelRegistered.newBuilder().setModelId(modelId).setSourceUri("file:/models/" + modelId).setDtype("float32")
        .setFamily("llama").setModelType("llama").setParameterCount(1_000L).setLabels(Map.of("type", "base"))
        .setCorpusId("pile").setBenchmarks(List.of("arc")).setRegisteredAtMs(1L).build();
  }

  static ModelCoordinates coordinates(String modelId, boolean complete, List<Double> xi) {
    return ModelCoordinates.newBuilder().setModelId(modelId).setCorpusId("pile").setVersion(1).setTextsScored(3)
        .setCorpusSize(3).setComplete(complete).setMeanLogLikelihood(complete ? -2.0 : Double.NaN).setXi(xi)
        .build();
  }

  static CoordinateFrame frame(ModelPosition... positions) {
    return CoordinateFrame.newBuilder().setCorpusId("pile").setVersion(1).setModelCount(positions.length)
        .setColumnMeans(List.of(-1.0, -2.0, -3.0)).setMeanTextBytes(100.0).setClippingFloor(null)
        .setMapMethod("pca").setPositions(List.of(positions)).build();
  }

  static DeadLetter failure(String modelId, String reason) {
    return DeadLetter.newBuilder().setOriginalKey(ByteBuffer.wrap(modelId.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 1})).setTopic("score-tasks").setPartition(0).setOffset(7)
        .setErrorClass(reason).setMessage("task 1 of model " + modelId + ": no such folder").setFailedAtMs(5)
        .build();
  }
}
