package io.modelmap.aggregator.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which vectors may forecast a benchmark, and the stored layout that keeps them. */
class ForecastEmbeddingTest {

  @Test
  void shouldForecastABenchmarkOnlyFromVectorsTrainedWithoutItsAnswers() {
    Map<String, ForecastEmbedding> embeddings = Map.of(
        "both", new ForecastEmbedding(new double[] {1}, Set.of("a", "b"), Map.of("a", new double[] {2},
            "b", new double[] {3})),
        "only-a", new ForecastEmbedding(new double[] {4}, Set.of("a"), Map.of()),
        "only-b", new ForecastEmbedding(new double[] {5}, Set.of("b"), Map.of("a", new double[] {6})));

    Map<String, double[]> forA = EmbeddingForecastInput.vectorsFor("a", embeddings);
    assertThat(forA).as("the training without a; only-a answered nothing else").containsOnlyKeys("both", "only-b");
    assertThat(forA.get("both")).containsExactly(2);
    assertThat(forA.get("only-b")).containsExactly(6);

    Map<String, double[]> forB = EmbeddingForecastInput.vectorsFor("b", embeddings);
    assertThat(forB).as("only-b answered nothing else; only-a's vector is from another training")
        .containsOnlyKeys("both");
    assertThat(forB.get("both")).containsExactly(3);
  }

  @Test
  void shouldForecastAnUnansweredBenchmarkFromTheVectorsThatNeverSawIt() {
    Map<String, ForecastEmbedding> embeddings = Map.of(
        "a-model", new ForecastEmbedding(new double[] {1}, Set.of("a"), Map.of()),
        "c-model", new ForecastEmbedding(new double[] {2}, Set.of("c"), Map.of()));

    Map<String, double[]> forC = EmbeddingForecastInput.vectorsFor("c", embeddings);
    assertThat(forC).as("imported scores of c: no training left it out, c-model's vector saw its answers")
        .containsOnlyKeys("a-model");
    assertThat(EmbeddingForecastInput.vectorsFor("imported", embeddings)).containsOnlyKeys("a-model", "c-model");
  }

  @Test
  void shouldStoreTheVectorsWithTheirBenchmarks() {
    ForecastEmbedding e = new ForecastEmbedding(new double[] {0.5, -1}, Set.of("a", "b/c"),
        Map.of("a", new double[] {1, 2}, "b/c", new double[] {3, 4}));

    ForecastEmbedding read = ForecastEmbedding.fromBytes(e.toBytes());

    assertThat(read.vector()).containsExactly(0.5, -1);
    assertThat(read.benchmarks()).containsExactlyInAnyOrder("a", "b/c");
    assertThat(read.withoutBenchmark()).containsOnlyKeys("a", "b/c");
    assertThat(read.withoutBenchmark().get("b/c")).containsExactly(3, 4);
  }

  @Test
  void shouldReadABareVectorStoredBeforeAsFittedOnNoKnownBenchmark() {
    ForecastEmbedding read = ForecastEmbedding.fromBytes(PredictionStores.embedding(new double[] {1.5, 2}));

    assertThat(read.vector()).containsExactly(1.5, 2);
    assertThat(read.benchmarks()).isEmpty();
    assertThat(read.withoutBenchmark()).isEmpty();
  }

  @Test
  void shouldRefuseATruncatedValue() {
    byte[] stored = new ForecastEmbedding(new double[] {1, 2}, Set.of("a"), Map.of()).toBytes();

    assertThatThrownBy(() -> ForecastEmbedding.fromBytes(Arrays.copyOf(stored, stored.length - 3)))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the stored embedding is unreadable");
  }
}
