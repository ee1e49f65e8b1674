package io.modelmap.aggregator.app;

import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.testsupport.time.SteppedClock;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The aggregator topology in a {@link TopologyTestDriver}, with helpers to feed a matrix. */
final class AggregatorHarness implements AutoCloseable {
  static final String CORPUS = "pile/val 10k";

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  /** The processors' clock (parked records' times and timeouts, dead letters' times). */
  private final SteppedClock clock;
  final Topics topics = new Topics(TopicNames.defaults(), registry);
  final TopologyTestDriver driver;
  final TestInputTopic<String, TextChunk> texts;
  private final List<TestInputTopic<?, ?>> inputs = new ArrayList<>();
  final TestInputTopic<String, TextScores> scores;
  final TestInputTopic<String, byte[]> rawScores;
  final TestInputTopic<String, ModelRegistered> registrations;
  final TestOutputTopic<String, NeighborList> neighbors;
  final TestOutputTopic<String, ModelCoordinates> coordinates;
  final TestOutputTopic<String, CoordinateFrame> frames;
  final TestInputTopic<String, McItem> items;
  final TestInputTopic<String, McAnswers> answers;
  final TestOutputTopic<String, ErrorAgreement> agreement;
  final TestOutputTopic<String, ModelAccuracy> accuracy;

  AggregatorHarness(OptionalDouble clipping) throws Exception {
    this(config -> config.optMatrix(new MatrixSettings(clipping, MapMethod.PCA)));
  }

  /** The topology with the default settings as {@code settings} changes them. */
  AggregatorHarness(java.util.function.UnaryOperator<AggregatorConfig.Builder> settings) throws Exception {
    this(settings, MatrixRouting.REPARTITION);
  }

  /** As above, texts and scores reaching the matrix as {@code routing} says. */
  AggregatorHarness(java.util.function.UnaryOperator<AggregatorConfig.Builder> settings,
      MatrixRouting routing) throws Exception {
    Path state = Files.createTempDirectory("aggregator-test");
    AggregatorConfig config = settings.apply(AggregatorConfig.builder(KafkaConnection.of("unused:9092", "mock://"),
        StreamsSettings.defaults(state))).build();
    Properties props = AggregatorService.properties(config, registry);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + System.nanoTime());
    java.time.Instant start = java.time.Instant.now();
    clock = new SteppedClock(start); // moves with the driver's wall clock: one time for punctuations and timeouts
    driver = new TopologyTestDriver(AggregatorTopology.build(config, registry, clock, routing), props, start);
    texts = track(driver.createInputTopic(topics.corpusTexts().name(), Serdes.String().serializer(),
        topics.corpusTexts().valueSerde().serializer()));
    scores = track(driver.createInputTopic(topics.textScores().name(), Serdes.String().serializer(),
        topics.textScores().valueSerde().serializer()));
    rawScores = track(driver.createInputTopic(topics.textScores().name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer()));
    registrations = input(topics.modelRegistered());
    neighbors = driver.createOutputTopic(topics.modelNeighbors().name(), Serdes.String().deserializer(),
        topics.modelNeighbors().valueSerde().deserializer());
    coordinates = driver.createOutputTopic(topics.modelCoordinates().name(), Serdes.String().deserializer(),
        topics.modelCoordinates().valueSerde().deserializer());
    frames = driver.createOutputTopic(topics.coordinateFrame().name(), Serdes.String().deserializer(),
        topics.coordinateFrame().valueSerde().deserializer());
    items = track(driver.createInputTopic(topics.mcItems().name(), Serdes.String().serializer(),
        topics.mcItems().valueSerde().serializer()));
    answers = track(driver.createInputTopic(topics.mcAnswers().name(), Serdes.String().serializer(),
        topics.mcAnswers().valueSerde().serializer()));
    agreement = driver.createOutputTopic(topics.errorAgreement().name(), Serdes.String().deserializer(),
        topics.errorAgreement().valueSerde().deserializer());
    accuracy = driver.createOutputTopic(topics.modelAccuracy().name(), Serdes.String().deserializer(),
        topics.modelAccuracy().valueSerde().deserializer());
  }

  static String textId(int s) {
    // real text ids: spaces, a comma, quotes, '/', '%' and non-ASCII
    return String.format("Pile-CC/00.jsonl:%d, \"Größe\" 5%%#%d", s, s % 2);
  }

  static int byteLength(int s) {
    return 900 + 7 * s;
  }

  /** Text {@code s}: "text s" padded to {@link #byteLength(int)} UTF-8 bytes, as a corpus text's length must be. */
  static String text(int s) {
    String text = "text " + s;
    return text + " ".repeat(byteLength(s) - text.length());
  }

  void publishCorpus(int n) {
    publishCorpus(CORPUS, n);
  }

  void publishCorpus(String corpus, int n) {
    for (int s = 0; s < n; s++) {
      texts.pipeInput(CompositeKey.of(corpus, textId(s)), TextChunk.newBuilder().setCorpusId(corpus).setTextId(textId(s))
          .setIndex(s).setCorpusSize(n).setText(text(s)).setCategory("c" + (s % 3))
          .setByteLength(byteLength(s)).build());
    }
  }

  /** Registers each of {@code models} on {@link #CORPUS}, as every real path does before publishing its scores. */
  void register(Iterable<String> models) {
    for (String model : models) {
      register(model, CORPUS);
    }
  }

  /** Registers {@code model} on {@code corpus}. */
  void register(String model, String corpus) {
    registrations.pipeInput(model, ModelRegistered.newBuilder().setModelId(model).setSourceUri("imported:test")
        .setCorpusId(corpus).setModelType("imported").build());
  }

  /** One text-scores record of {@code model} for texts {@code from} (inclusive) to {@code to} (exclusive). */
  static TextScores chunk(String model, double[] row, int from, int to) {
    return chunk(CORPUS, model, row, from, to);
  }

  /** As above, on {@code corpus}. */
  static TextScores chunk(String corpus, String model, double[] row, int from, int to) {
    List<TextScore> list = new ArrayList<>();
    for (int s = from; s < to; s++) {
      list.add(TextScore.newBuilder().setTextId(textId(s)).setLogLikelihood(row[s]).setTokensScored(100)
          .setWindowed(false).build());
    }
    return TextScores.newBuilder().setModelId(model).setCorpusId(corpus).setTaskId(model + "-" + from)
        .setScores(list).build();
  }

  List<DeadLetter> deadLetters(String topic) {
    return driver.createOutputTopic(TopicNames.deadLetter(topic), Serdes.String().deserializer(),
        topics.deadLetters(topic).valueSerde().deserializer()).readValuesToList();
  }

  Map<String, NeighborList> latestNeighbors() {
    return neighbors.readKeyValuesToMap();
  }

  /** A test input for {@code topic}, keyed by string. */
  <V> TestInputTopic<String, V> input(io.modelmap.schemas.topic.Topic<String, V> topic) {
    return track(driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer()));
  }

  private <T extends TestInputTopic<?, ?>> T track(T input) {
    inputs.add(input);
    return input;
  }

  /**
   * Moves the wall clock, running the punctuations due, and the input topics' clocks with it, so the
   * records piped next carry the time they are sent at (as a producer stamps them): a record older
   * than the wall clock reads as a task that is behind.
   */
  void advance(java.time.Duration duration) {
    clock.advance(duration); // first: the punctuations the driver runs read it
    driver.advanceWallClockTime(duration);
    inputs.forEach(input -> input.advanceTime(duration));
  }

  /** A test output of {@code topic}. */
  <V> TestOutputTopic<String, V> output(io.modelmap.schemas.topic.Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
  }

  /** Punctuation after punctuation (2 s apart) until {@code done}, giving the background thread real time between. */
  void advanceUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int step = 0; step < 500; step++) {
      advance(java.time.Duration.ofSeconds(2));
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the background work did not finish within 500 punctuations");
  }

  /**
   * Punctuation after punctuation (2 s apart) until {@code done}, for at most {@code realTime} of real time: for
   * background work whose length depends on the machine's load (several trainings, a sentence encoder).
   */
  void advanceUntil(java.util.function.BooleanSupplier done, java.time.Duration realTime) throws InterruptedException {
    long deadline = System.nanoTime() + realTime.toNanos();
    while (System.nanoTime() < deadline) {
      advance(java.time.Duration.ofSeconds(2));
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the background work did not finish within " + realTime + " of real time");
  }

  @Override
  public void close() {
    driver.close();
  }
}
