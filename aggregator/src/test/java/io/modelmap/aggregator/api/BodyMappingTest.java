package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.schemas.avro.ResponseSimilarity;
import org.junit.jupiter.api.Test;

/**
 * The JSON of each body built from a view's record, pinned on hand-built records (ViewRecords); the
 * expected JSON is written by hand from the records: field names and order as the bodies declare them, an
 * undefined (NaN) or absent value null (left out in the bodies that leave nulls out), 0 in a plain number.
 */
class BodyMappingTest {
  /** The mapper the HTTP layer writes bodies with ({@code HttpServer}: a plain ObjectMapper). */
  private static final ObjectMapper JSON = new ObjectMapper();

  static String json(Object body) throws Exception {
    return JSON.writeValueAsString(body);
  }

  @Test
  void shouldWriteAnAgreementWithoutItsUndefinedRates() throws Exception {
    assertThat(json(BodyMapping.agreement(ViewRecords.agreement()))).isEqualTo("{\"modelA\":\"a/m\",\"modelB\":\"b/m\","
        + "\"items\":10,\"same\":7,\"bothCorrect\":5,\"eitherWrong\":5,\"agreeEitherWrong\":2,\"bothWrong\":3,"
        + "\"agreeBothWrong\":2,\"correctA\":6,\"correctB\":8,\"bothWrongByChoices\":[{\"choices\":4,\"bothWrong\":3}],"
        + "\"overall\":0.7,\"bothCorrectRate\":0.5,\"rateEitherWrong\":0.4}");
  }

  @Test
  void shouldWriteAnalyticsWithoutObservedScoresAndWithUndefinedValuesNullOrZero() throws Exception {
    assertThat(json(BodyMapping.analytics(ViewRecords.analytics()))).isEqualTo("{\"corpusId\":\"pile\","
        + "\"completeModels\":3,\"cumulativeVariance\":[0.5,1.0,null],\"dimension90\":2,\"dimension95\":2,"
        + "\"clusterOrder\":[\"a/m\",\"b/m\",\"c/m\"],\"leakageBenchmarks\":[\"mmlu\"],\"leakage\":[{\"modelId\":\"a/m\","
        + "\"leakage\":1.5,\"meanLogLikelihood\":-2.0,\"benchmarkStanding\":0.0}]}");
  }

  @Test
  void shouldWriteQualityWithUndefinedCorrelationsAsNull() throws Exception {
    assertThat(json(BodyMapping.quality(ViewRecords.quality()))).isEqualTo("{\"benchmarkId\":\"arc\",\"method\":\"ridge\","
        + "\"corpusId\":\"pile\",\"models\":12,\"folds\":4,\"grouping\":\"family\",\"pearsonR\":0.8,\"spearmanRho\":null,"
        + "\"alpha\":1.0,\"meanSquaredError\":null}");
  }

  @Test
  void shouldWritePredictionsWithAbsentObservationsAsNull() throws Exception {
    assertThat(json(BodyMapping.predictions(ViewRecords.predictions()))).isEqualTo("{\"modelId\":\"a/m\","
        + "\"corpusId\":\"pile\",\"completeModels\":5,\"predictions\":[{\"benchmarkId\":\"arc\",\"method\":\"ridge\","
        + "\"predicted\":61.5,\"observed\":60.0,\"outOfFold\":null,\"trainingModels\":4},{\"benchmarkId\":\"mmlu\","
        + "\"method\":\"cpp\",\"predicted\":0.0,\"observed\":null,\"outOfFold\":null,\"trainingModels\":5}]}");
  }

  @Test
  void shouldWriteAnEmbedding() throws Exception {
    assertThat(json(BodyMapping.embedding(ViewRecords.embedding()))).isEqualTo("{\"modelId\":\"a/m\","
        + "\"vector\":[0.25,-1.0],\"trainingVersion\":3,\"method\":\"embedllm\",\"questions\":40,"
        + "\"trainingAccuracy\":0.75,\"heldOutAccuracy\":null,\"updatedAtMs\":1700000000000}");
  }

  @Test
  void shouldWriteAResponseSimilarityWithoutItsSums() throws Exception {
    assertThat(json(BodyMapping.similarity(ViewRecords.similarity()))).isEqualTo("{\"modelA\":\"a/m\","
        + "\"modelB\":\"b/m\",\"prompts\":3,\"rouge1F\":0.5,\"rouge2F\":0.25,\"rougeLF\":0.4,\"bleu\":0.0,"
        + "\"meteor\":null}");
  }

  @Test
  void shouldWriteMeteorWhereTheRecordHasItAndNullWhereItHasNone() throws Exception {
    ResponseSimilarity withMeteor = ResponseSimilarity.newBuilder(ViewRecords.similarity()).setMeteor(0.4375)
        .setMeteorPrompts(3).build();
    assertThat(json(BodyMapping.similarity(withMeteor))).endsWith(",\"bleu\":0.0,\"meteor\":0.4375}");
    // a record written before METEOR was added: meteor absent (the schema's default), so null, not 0
    assertThat(ViewRecords.similarity().getMeteor()).isNull();
    assertThat(json(BodyMapping.similarity(ViewRecords.similarity()))).endsWith(",\"bleu\":0.0,\"meteor\":null}");
  }

  @Test
  void shouldWriteNeighboursAndPartners() throws Exception {
    assertThat(json(BodyMapping.neighbor(ViewRecords.neighbors().getNeighbors().get(0))))
        .isEqualTo("{\"modelId\":\"b/m\",\"klNats\":0.5,\"klBitsPerByte\":0.25,\"overlap\":3}");
    assertThat(json(BodyMapping.partner(ViewRecords.accuracy().getMostCorrelated().get(0))))
        .isEqualTo("{\"modelId\":\"b/m\",\"bothWrong\":3,\"baselineBothWrong\":0.2}");
  }
}
