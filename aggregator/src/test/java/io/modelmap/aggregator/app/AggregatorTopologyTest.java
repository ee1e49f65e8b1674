package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.math.BatchReference;
import io.modelmap.math.KlDivergence;
import io.modelmap.math.KlEstimate;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class AggregatorTopologyTest {
  private static final int N = 40;
  private static final int CHUNK = 7;
  // Hugging Face ids and printable names with '/', '@', '%', quotes: the ids users really have.
  private static final String BASE_A = "meta-llama/Llama-3.2-1B";
  private static final String BASE_B = "mistralai/Mistral-7B-v0.1";
  private static final String COPY_A = "acme/llama-copy@4f2e1c0";
  private static final String FT_A = "acme/Llama-3.2-1B-ft";
  private static final List<String> MODELS = List.of(BASE_A, BASE_B, COPY_A, FT_A, "acme/ft-b@v2", "100%/mix \"ab\"");

  /** L with structure: two bases, a copy, fine-tunes and a mix; log-likelihoods around −1000. */
  private static double[][] matrix() {
    Random random = new Random(7);
    double[] a = new double[N];
    double[] b = new double[N];
    for (int s = 0; s < N; s++) {
      a[s] = -1000 - 200 * random.nextDouble();
      b[s] = -1000 - 200 * random.nextDouble();
    }
    double[][] l = new double[MODELS.size()][N];
    for (int s = 0; s < N; s++) {
      l[0][s] = a[s];
      l[1][s] = b[s];
      l[2][s] = a[s];
      l[3][s] = a[s] + 3 * random.nextGaussian() - 5;
      l[4][s] = b[s] + 10 * random.nextGaussian();
      l[5][s] = 0.5 * a[s] + 0.5 * b[s] - 2;
    }
    return l;
  }

  private static List<TextScores> chunks(double[][] l, int model) {
    List<TextScores> list = new ArrayList<>();
    for (int from = 0; from < N; from += CHUNK) {
      list.add(chunk(MODELS.get(model), l[model], from, Math.min(N, from + CHUNK)));
    }
    return list;
  }

  private record Outputs(Map<String, NeighborList> neighbors, Map<String, ModelCoordinates> coordinates,
      Map<String, CoordinateFrame> frames) {}

  private static Outputs run(List<TextScores> order, boolean corpusFirst, OptionalDouble clipping) throws Exception {
    return run(order, corpusFirst, clipping, MatrixRouting.REPARTITION);
  }

  private static Outputs run(List<TextScores> order, boolean corpusFirst, OptionalDouble clipping, MatrixRouting routing)
      throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(config -> config.optMatrix(new MatrixSettings(clipping, MapMethod.PCA)), routing)) {
      h.register(order.stream().map(r -> r.getModelId().toString()).distinct().toList());
      if (corpusFirst) {
        h.publishCorpus(N);
      }
      for (TextScores record : order) {
        h.scores.pipeInput(record.getModelId(), record);
      }
      if (!corpusFirst) {
        h.publishCorpus(N);
      }
      h.advance(Duration.ofSeconds(5));
      return new Outputs(h.latestNeighbors(), h.coordinates.readKeyValuesToMap(), h.frames.readKeyValuesToMap());
    }
  }

  private static List<TextScores> oneModelAtATime(double[][] l) {
    List<TextScores> order = new ArrayList<>();
    for (int i = 0; i < MODELS.size(); i++) {
      order.addAll(chunks(l, i));
    }
    return order;
  }

  private static List<TextScores> shuffledInterleaved(double[][] l, long seed) {
    List<TextScores> order = oneModelAtATime(l);
    Collections.shuffle(order, new Random(seed));
    return order;
  }

  @Test
  void shouldGiveIdenticalOutputsWhateverTheArrivalOrder() throws Exception {
    double[][] l = matrix();
    Outputs sequential = run(oneModelAtATime(l), true, OptionalDouble.empty());
    List<TextScores> reversed = new ArrayList<>();
    for (int i = MODELS.size() - 1; i >= 0; i--) {
      reversed.addAll(chunks(l, i));
    }

    for (Outputs other : List.of(run(reversed, true, OptionalDouble.empty()),
        run(shuffledInterleaved(l, 1), true, OptionalDouble.empty()),
        run(shuffledInterleaved(l, 2), true, OptionalDouble.empty()),
        run(shuffledInterleaved(l, 3), false, OptionalDouble.empty()))) {
      assertThat(other.neighbors()).isEqualTo(sequential.neighbors());
      // version records when a row was published (how many rows were complete then), which is the
      // one thing that legitimately depends on arrival order; everything else must be identical.
      assertThat(other.coordinates()).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*version")
          .isEqualTo(sequential.coordinates());
      assertThat(other.frames()).isEqualTo(sequential.frames());
    }
  }

  @Test
  void aTaskThatIsBehindCompletesRowsTogetherAtTheNextBatchWithTheSameOutputs() throws Exception {
    double[][] l = matrix();
    Outputs immediate = run(oneModelAtATime(l), true, OptionalDouble.empty());
    try (AggregatorHarness h = new AggregatorHarness(config -> config)) {
      h.publishCorpus(N);
      h.register(MODELS);
      for (TextScores record : oneModelAtATime(l)) { // produced long ago: the task is behind
        h.scores.pipeInput(record.getModelId(), record, java.time.Instant.ofEpochMilli(0));
      }
      assertThat(h.latestNeighbors()).as("completions wait for the batch").isEmpty();
      h.advance(io.modelmap.aggregator.matrix.MatrixProcessor.BATCH_INTERVAL);
      Map<String, NeighborList> batched = h.latestNeighbors();
      assertThat(batched).as("one batch, right after the records in hand").isEqualTo(immediate.neighbors());
      h.advance(Duration.ofSeconds(5));
      assertThat(h.frames.readKeyValuesToMap()).isEqualTo(immediate.frames());
    }
  }

  @Test
  void directRoutingPublishesWhatTheRepartitionedTopologyDoes() throws Exception {
    double[][] l = matrix();
    List<TextScores> order = shuffledInterleaved(l, 12);
    Outputs direct = run(order, true, OptionalDouble.empty(), MatrixRouting.DIRECT);
    assertThat(direct).isEqualTo(run(order, true, OptionalDouble.empty(), MatrixRouting.REPARTITION));
    assertMatchesBatch(direct, BatchReference.of(l));
    assertThat(MatrixRouting.forPartitions(1, 1, 1)).isEqualTo(MatrixRouting.DIRECT);
    assertThat(MatrixRouting.forPartitions(1, 4, 1)).isEqualTo(MatrixRouting.REPARTITION);
    assertThat(MatrixRouting.forPartitions(1, 1, 3)).as("registrations on several partitions").isEqualTo(
        MatrixRouting.REPARTITION);
  }

  @Test
  void shouldEqualBatchReferenceAfterTheLastScore() throws Exception {
    double[][] l = matrix();
    Outputs outputs = run(shuffledInterleaved(l, 11), true, OptionalDouble.empty());
    assertMatchesBatch(outputs, BatchReference.of(l));
    assertThat(outputs.neighbors().get(COPY_A).getNeighbors().get(0).getModelId()).isEqualTo(BASE_A);
    assertThat(outputs.neighbors().get(COPY_A).getNeighbors().get(0).getKlNats()).isZero();
  }

  @Test
  void shouldPlaceEveryModelOnTheMapAsPcaOfQ() throws Exception {
    double[][] l = matrix();
    Outputs outputs = run(shuffledInterleaved(l, 4), true, OptionalDouble.empty());
    BatchReference ref = BatchReference.of(l);
    double[][] q = new double[MODELS.size()][];
    for (int i = 0; i < q.length; i++) {
      q[i] = ref.q(MODELS.indexOf(MODELS.stream().sorted().toList().get(i)));
    }
    RealMatrix scaled = new Array2DRowRealMatrix(q).scalarMultiply(1 / Math.sqrt(N));
    EigenDecomposition pca = new EigenDecomposition(scaled.multiply(scaled.transpose()));
    List<ModelPosition> positions = outputs.frames().get(AggregatorHarness.CORPUS).getPositions();

    assertThat(positions).extracting(p -> p.getModelId().toString()).isEqualTo(MODELS.stream().sorted().toList());
    for (int axis = 0; axis < 2; axis++) {
      double[] v = pca.getEigenvector(axis).toArray();
      double scale = Math.sqrt(pca.getRealEigenvalue(axis));
      double sign = Math.signum(v[0] * (axis == 0 ? positions.get(0).getX() : positions.get(0).getY()));
      for (int i = 0; i < positions.size(); i++) {
        double actual = axis == 0 ? positions.get(i).getX() : positions.get(i).getY();
        assertThat(actual).isCloseTo(sign * v[i] * scale, within(1e-6 * scale));
      }
    }
    assertThat(positions).allSatisfy(p -> assertThat(p.getPrimaryCategory().toString()).matches("c[012]"));
  }

  @Test
  void shouldEqualClippedBatchReferenceWhenClippingIsOn() throws Exception {
    double[][] l = matrix();
    Outputs outputs = run(shuffledInterleaved(l, 5), true, OptionalDouble.of(0.02));
    // independent of the project's clipping: Commons Math's R-7 quantile (NumPy's default) over all of L
    double floor = new Percentile().withEstimationType(Percentile.EstimationType.R_7)
        .evaluate(Arrays.stream(l).flatMapToDouble(Arrays::stream).toArray(), 2.0);
    double[][] clipped = Arrays.stream(l).map(row -> Arrays.stream(row).map(v -> Math.max(v, floor)).toArray())
        .toArray(double[][]::new);
    long raised = Arrays.stream(l).flatMapToDouble(Arrays::stream).filter(v -> v < floor).count();
    assertThat(raised).as("clipping changes some values, so the test can tell").isPositive();
    assertMatchesBatch(outputs, BatchReference.of(clipped));
    assertThat(outputs.frames().get(AggregatorHarness.CORPUS).getClippingFloor()).isCloseTo(floor, within(1e-9));
  }

  private static void assertMatchesBatch(Outputs outputs, BatchReference ref) {
    CoordinateFrame frame = outputs.frames().get(AggregatorHarness.CORPUS);
    assertThat(frame.getModelCount()).isEqualTo(MODELS.size());
    assertThat(frame.getShards()).as("one task holds the corpus").isEqualTo(1);
    double meanBytes = IntStream.range(0, N).map(AggregatorHarness::byteLength).average().orElseThrow();
    assertThat(frame.getMeanTextBytes()).isEqualTo(meanBytes);
    double[] columnMeans = unbox(frame.getColumnMeans());
    for (int i = 0; i < MODELS.size(); i++) {
      String id = MODELS.get(i);
      ModelCoordinates coords = outputs.coordinates().get(id);
      assertThat(coords.getComplete()).isTrue();
      assertThat(coords.getMeanLogLikelihood()).isCloseTo(ref.rowMean(i), within(1e-9 * Math.abs(ref.rowMean(i))));
      double[] q = ref.q(i);
      double[] streamedQ = io.modelmap.math.Vectors.minus(unbox(coords.getXi()), columnMeans);
      for (int s = 0; s < N; s++) {
        assertThat(streamedQ[s]).isCloseTo(q[s], within(1e-9 * Math.max(1, Math.abs(q[s]))));
      }
      List<Neighbor> expected = ref.neighbors(i, MODELS, 10);
      List<NeighborEntry> actual = outputs.neighbors().get(id).getNeighbors();
      assertThat(outputs.neighbors().get(id).getProvisional()).isFalse();
      assertThat(actual).hasSize(expected.size());
      for (int r = 0; r < expected.size(); r++) {
        double kl = expected.get(r).klNats();
        assertThat(actual.get(r).getKlNats()).isCloseTo(kl, within(1e-9 * Math.max(kl, 1e-12)));
        assertThat(actual.get(r).getKlBitsPerByte()).isCloseTo(KlDivergence.toBitsPerByte(kl, meanBytes),
            within(1e-9 * Math.max(kl, 1e-12)));
        assertThat(actual.get(r).getOverlap()).isEqualTo(N);
      }
    }
  }

  @Test
  void shouldPublishProvisionalNeighboursFromTheOverlapWhileScoring() throws Exception {
    double[][] l = matrix();
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      h.publishCorpus(N);
      h.register(List.of(BASE_A, FT_A));
      for (TextScores record : chunks(l, 0)) {
        h.scores.pipeInput(record.getModelId(), record);
      }
      h.scores.pipeInput(FT_A, chunk(FT_A, l[3], 0, 10));
      h.advance(Duration.ofSeconds(3));

      NeighborList provisional = h.latestNeighbors().get(FT_A);
      double[] partial = new double[N];
      Arrays.fill(partial, Double.NaN);
      System.arraycopy(l[3], 0, partial, 0, 10);
      KlEstimate expected = KlDivergence.fromOverlap(partial, l[0]);
      assertThat(provisional.getProvisional()).isTrue();
      assertThat(provisional.getTextsScored()).isEqualTo(10);
      assertThat(provisional.getNeighbors()).hasSize(1);
      assertThat(provisional.getNeighbors().get(0).getOverlap()).isEqualTo(10);
      assertThat(provisional.getNeighbors().get(0).getKlNats()).isCloseTo(expected.nats(), within(1e-12));
      ModelCoordinates progress = h.coordinates.readKeyValuesToMap().get(FT_A);
      assertThat(progress.getComplete()).isFalse();
      assertThat(progress.getTextsScored()).isEqualTo(10);
    }
  }

  @Test
  void shouldCountARepeatedScoreOnce() throws Exception {
    double[][] l = matrix();
    List<TextScores> withRepeats = new ArrayList<>(oneModelAtATime(l));
    withRepeats.addAll(chunks(l, 1));
    TextScores altered = chunk(BASE_A, Arrays.stream(l[0]).map(v -> v - 50).toArray(), 0, CHUNK);
    withRepeats.add(1, altered);
    withRepeats.add(3, chunks(l, 0).get(0));

    Outputs repeated = run(withRepeats, true, OptionalDouble.empty());

    assertMatchesBatch(repeated, BatchReference.of(l));
  }

  @Test
  void shouldKeepTheTopTenWhenMoreModelsThanTheListHoldArrive() throws Exception {
    int k = 16; // more models than a neighbour list holds (10): lists evict as nearer models arrive
    Random random = new Random(11);
    double[] base = new double[N];
    Arrays.setAll(base, s -> -1000 - 200 * random.nextDouble());
    double[][] l = new double[k][N];
    List<String> models = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double spread = 1 + 4 * i; // model i sits further from the base the larger i is
      for (int s = 0; s < N; s++) {
        l[i][s] = base[s] + spread * random.nextGaussian();
      }
      models.add("acme/m-" + (char) ('a' + i));
    }
    List<TextScores> order = new ArrayList<>();
    for (int i = k - 1; i >= 0; i--) { // farthest first, so later arrivals push earlier neighbours out
      for (int from = 0; from < N; from += CHUNK) {
        order.add(chunk(models.get(i), l[i], from, Math.min(N, from + CHUNK)));
      }
    }
    Outputs outputs = run(order, true, OptionalDouble.empty());
    BatchReference ref = BatchReference.of(l);
    for (int i = 0; i < k; i++) {
      List<Neighbor> expected = ref.neighbors(i, models, 10);
      List<NeighborEntry> actual = outputs.neighbors().get(models.get(i)).getNeighbors();
      assertThat(actual).extracting(NeighborEntry::getModelId).as("top 10 of %s", models.get(i))
          .containsExactlyElementsOf(expected.stream().map(Neighbor::modelId).toList());
      for (int r = 0; r < expected.size(); r++) {
        assertThat(actual.get(r).getKlNats()).isCloseTo(expected.get(r).klNats(),
            within(1e-9 * expected.get(r).klNats()));
      }
    }
  }

  @Test
  void shouldDeadLetterScoresWhoseCorpusNeverArrivesOnceTheyWaitedTheTimeout() throws Exception {
    double[][] l = matrix();
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      h.scores.pipeInput(BASE_A, chunk(BASE_A, l[0], 0, 3)); // no corpus published: parked
      h.advance(Duration.ofMinutes(9));
      assertThat(h.deadLetters("text-scores")).as("within the 10-minute timeout").isEmpty();
      h.advance(Duration.ofMinutes(2)); // the punctuation's wall clock and the timeout's clock are one
      List<DeadLetter> dead = h.deadLetters("text-scores");
      assertThat(dead).extracting(DeadLetter::getErrorClass).containsExactly("unknown-text");
      assertThat(dead.get(0).getMessage()).contains("after waiting PT10M");
    }
  }

  @Test
  void shouldDeadLetterBadScoresAndKeepGoing() throws Exception {
    double[][] l = matrix();
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      h.publishCorpus(N);
      h.register(List.of(BASE_A, BASE_B));
      h.rawScores.pipeInput(BASE_A, new byte[] {1, 2, 3});
      TextScores positive = chunk(BASE_A, Arrays.stream(l[0]).map(v -> 5).toArray(), 0, 3);
      h.scores.pipeInput(BASE_A, positive);
      h.scores.pipeInput("wrong-key", chunk(BASE_A, l[0], 0, 3));
      TextScores unknownText = chunk(BASE_B, l[1], 0, 2);
      unknownText.getScores().get(1).setTextId("no-such-text");
      h.scores.pipeInput(BASE_B, unknownText);
      h.scores.pipeInput("bad\tid", chunk("bad\tid", l[1], 0, 2));
      TextChunk moved = TextChunk.newBuilder().setCorpusId(AggregatorHarness.CORPUS)
          .setTextId(AggregatorHarness.textId(0)).setIndex(1).setCorpusSize(N).setText(AggregatorHarness.text(0)).setCategory("c0")
          .setByteLength(AggregatorHarness.byteLength(0)).build();
      h.texts.pipeInput(CompositeKey.of(AggregatorHarness.CORPUS, AggregatorHarness.textId(0)), moved);
      for (int i = 0; i < 2; i++) {
        for (TextScores record : chunks(l, i)) {
          h.scores.pipeInput(record.getModelId(), record);
        }
      }

      List<DeadLetter> dead = h.deadLetters("text-scores");
      assertThat(dead).extracting(DeadLetter::getErrorClass)
          .containsExactly("undecodable", "positive-log-likelihood", "key-mismatch", "unknown-text", "invalid-id");
      assertThat(dead.get(4).getMessage()).contains("U+0009", "no control characters");
      List<DeadLetter> textRejects = h.deadLetters("corpus-texts");
      assertThat(textRejects).extracting(DeadLetter::getErrorClass).containsExactly("conflicting-text");
      assertThat(h.topics.corpusTexts().valueSerde().deserializer().deserialize("corpus-texts",
          textRejects.get(0).getOriginalValue().array())).as("the dead letter carries the refused text").isEqualTo(moved);
      assertThat(dead.get(0).getOriginalValue().array()).containsExactly(1, 2, 3);
      assertThat(dead.get(0).getOffset()).isEqualTo(0);
      assertThat(dead.get(3).getOffset()).isEqualTo(3);
      assertThat(h.latestNeighbors().get(BASE_A).getNeighbors().get(0).getModelId()).isEqualTo(BASE_B);
    }
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
