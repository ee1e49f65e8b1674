package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelDistances;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.key.CompositeKey;
import org.apache.avro.specific.SpecificData;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import io.modelmap.schemas.topic.DeadLetterRecords;
import io.modelmap.testsupport.records.LengthBombs;
import io.modelmap.testsupport.records.RandomRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;

/**
 * 32,000 generated records on every topic a service reads and through every guarded store's restore,
 * valid or broken in one known way: a rule of the validator, or the bytes themselves (truncated, wrong
 * magic byte, unknown schema id, trailing bytes, garbage, a length bomb: valid framing and schema id whose
 * first array, map or string claims 2,147,483,639 entries).
 * <ul>
 *   <li>The seven sources the aggregator decodes itself ({@code text-scores}, {@code mc-answers},
 *   {@code mc-items}, {@code corpus-texts}, {@code benchmark-scores}, {@code benchmark-registered},
 *   {@code model-responses}), 2,500 each through the serde and their validator: nothing throws, every valid
 *   record is accepted, every broken one is refused with a rule and a message.
 *   <li>The views Kafka Streams reads as tables ({@code model-registered}, {@code score-tasks-dlq} and the
 *   ten derived topics, 8,000 records) through the serde and, when they do not decode, the aggregator's
 *   deserialization handler: every valid one decodes, every broken one becomes exactly one dead letter
 *   carrying its bytes (a broken dead letter is skipped, never dead-lettered again).
 *   <li>{@code score-tasks} (2,500) through the serde the workers use: valid tasks decode, broken bytes
 *   throw a SerializationException and nothing else (the worker dead-letters it as undecodable).
 *   <li>The restores of every guarded store (the twelve views and the three prediction stores that hold
 *   Avro, 4,000 records): a valid value reaches the store, a broken one (or a registration its view refuses)
 *   never does and is counted; one left out of an internal changelog is dead-lettered with its bytes.
 * </ul>
 */
class MalformedInputPropertiesTest {
  private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
  /** Ways to break the bytes: truncated, wrong magic byte, unknown schema id, trailing bytes, garbage, a length bomb. */
  private static final int BYTE_BREAKS = 6;

  /** What a generated record should be: its key, value and whether it must be accepted. */
  private record Case<V>(String key, V value, boolean valid) {}

  @Property(tries = 2500)
  void textScores(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    String model = "m" + r.nextInt(100);
    List<TextScore> scores = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(20); i++) {
      scores.add(TextScore.newBuilder().setTextId("t" + i).setLogLikelihood(-1e6 * r.nextDouble())
          .setTokensScored(r.nextInt(5000)).setWindowed(r.nextBoolean()).build());
    }
    TextScores.Builder b = TextScores.newBuilder().setModelId(model).setCorpusId("c" + r.nextInt(3))
        .setTaskId("task" + r.nextInt(10)).setScores(scores);
    String key = model;
    TextScore first = scores.get(0);
    switch (breakage) {
      case 1 -> key = model + "-other";
      case 2 -> b.setCorpusId(" ");
      case 3 -> b.setScores(List.of());
      case 4 -> first.setLogLikelihood(Double.NaN);
      case 5 -> first.setLogLikelihood(Double.POSITIVE_INFINITY);
      case 6 -> first.setLogLikelihood(0.5 + r.nextDouble());
      case 7 -> first.setTokensScored(-1 - r.nextInt(10));
      case 8 -> scores.add(TextScore.newBuilder(first).build());
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 8, TextScores.class, new TextScoresValidator(), r);
  }

  @Property(tries = 2500)
  void answers(@ForAll long seed, @ForAll @IntRange(min = 0, max = 7 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    String model = "m" + r.nextInt(100);
    List<McAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(20); i++) {
      int choices = 2 + r.nextInt(8);
      List<Double> lls = new ArrayList<>();
      for (int c = 0; c < choices; c++) {
        lls.add(-100 * r.nextDouble());
      }
      answers.add(McAnswer.newBuilder().setItemId("q" + i).setChosenIndex(r.nextInt(choices + 1) - 1)
          .setChoiceLogLikelihoods(r.nextBoolean() ? lls : List.of()).build());
    }
    McAnswers.Builder b = McAnswers.newBuilder().setModelId(model).setBenchmarkId("b").setAnswers(answers);
    String key = model;
    McAnswer first = answers.get(0);
    switch (breakage) {
      case 1 -> key = "x" + model;
      case 2 -> b.setBenchmarkId("");
      case 3 -> b.setAnswers(List.of());
      case 4 -> answers.add(McAnswer.newBuilder(first).build());
      case 5 -> first.setChosenIndex(-2 - r.nextInt(5));
      case 6 -> first.setChoiceLogLikelihoods(List.of(-1.0, r.nextBoolean() ? Double.NaN : 2.0));
      case 7 -> {
        first.setChoiceLogLikelihoods(List.of(-1.0, -2.0));
        first.setChosenIndex(2 + r.nextInt(5));
      }
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 7, McAnswers.class, new McAnswersValidator(), r);
  }

  @Property(tries = 2500)
  void items(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    List<String> choices = new ArrayList<>();
    for (int c = 0; c < 2 + r.nextInt(9); c++) {
      choices.add("choice " + c);
    }
    McItem.Builder b = McItem.newBuilder().setBenchmarkId("b" + r.nextInt(3)).setItemId("q" + r.nextInt(1000))
        .setQuestion("q?").setChoices(choices).setGoldIndex(r.nextInt(choices.size()));
    String key = b.getBenchmarkId() + "/" + b.getItemId();
    switch (breakage) {
      case 1 -> key = key + "x";
      case 2 -> b.setChoices(List.of("only"));
      case 3 -> b.setGoldIndex(choices.size() + r.nextInt(3));
      case 4 -> b.setGoldIndex(-1 - r.nextInt(3));
      case 5 -> {
        b.setItemId("");
        key = b.getBenchmarkId() + "/";
      }
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 5, McItem.class, new McItemValidator(), r);
  }

  @Property(tries = 2500)
  void texts(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    int size = 1 + r.nextInt(10_000);
    int bytes = 1 + r.nextInt(1024); // a carried text is as long as its byteLength says (or left out: null)
    TextChunk.Builder b = TextChunk.newBuilder().setCorpusId("c").setTextId("t" + r.nextInt(size)).setIndex(r.nextInt(size))
        .setCorpusSize(size).setText(r.nextBoolean() ? null : "x".repeat(bytes)).setCategory("prose").setByteLength(bytes);
    String key = "c/" + b.getTextId();
    switch (breakage) {
      case 1 -> key = "d/" + b.getTextId();
      case 2 -> b.setIndex(size + r.nextInt(5));
      case 3 -> b.setIndex(-1 - r.nextInt(5));
      case 4 -> b.setByteLength(-r.nextInt(3));
      case 5 -> b.setCorpusSize(0);
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 5, TextChunk.class, new TextChunkValidator(), r);
  }

  @Property(tries = 2500)
  void registrations(@ForAll long seed, @ForAll @IntRange(min = 0, max = BYTE_BREAKS) int byteBreak) {
    Random r = new Random(seed);
    String id = List.of("meta-llama/Llama-3.2-1B", "EleutherAI/pythia-160m@step143000", "acme/100% \"ft\"",
        "gpt2").get(r.nextInt(4));
    ModelRegistered value = ModelRegistered.newBuilder().setModelId(id).setSourceUri("file:/models/" + id)
        .setCorpusId("pile/" + r.nextInt(3)).setFamily(r.nextBoolean() ? null : "llama")
        .setParameterCount(r.nextBoolean() ? null : r.nextLong()).setBenchmarks(List.of("mmlu")).build();
    checkView("model-registered", id, value, byteBreak, ModelRegistered.class, r);
  }

  @Property(tries = 2500)
  void failedTasks(@ForAll long seed, @ForAll @IntRange(min = 0, max = BYTE_BREAKS) int byteBreak) {
    Random r = new Random(seed);
    byte[] original = new byte[r.nextInt(40)];
    r.nextBytes(original);
    DeadLetter value = DeadLetterRecords.of("acme/m" + r.nextInt(9), original, "score-tasks", r.nextInt(12),
        r.nextInt(100_000), "failed-after-retries", "failed 3 times", r.nextLong());
    checkView("score-tasks-dlq", "acme/m", value, byteBreak, DeadLetter.class, r);
  }

  @Property(tries = 2500)
  void benchmarkScores(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    String model = List.of("acme/m", "meta-llama/Llama-3.2-1B@main", "gpt2").get(r.nextInt(3)) + r.nextInt(50);
    String benchmark = List.of("arc_easy", "mmlu pro", "BBH/date").get(r.nextInt(3));
    boolean rate = r.nextBoolean();
    BenchmarkScore.Builder b = BenchmarkScore.newBuilder().setModelId(model).setBenchmarkId(benchmark)
        .setMetric(rate ? "acc" : "elo").setValue(rate ? 100 * r.nextDouble() : 2000 * r.nextDouble() - 1000)
        .setShots(r.nextBoolean() ? null : r.nextInt(26));
    String key = CompositeKey.of(model, benchmark);
    switch (breakage) {
      case 1 -> key = CompositeKey.of(benchmark, model);
      case 2 -> b.setValue(r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
      case 3 -> b.setValue(rate ? 100.01 + 1e6 * r.nextDouble() : (r.nextBoolean() ? 1 : -1) * (1.01e6 + 1e300 * r.nextDouble()));
      case 4 -> {
        b.setModelId("");
        key = CompositeKey.of("", benchmark);
      }
      case 5 -> {
        String id = "x".repeat(257 + r.nextInt(10_000));
        b.setModelId(id);
        key = CompositeKey.of(id, benchmark);
      }
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 5, BenchmarkScore.class, new BenchmarkScoreValidator(), r);
  }

  @Property(tries = 2500)
  void benchmarks(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    String id = List.of("arc_easy", "mmlu pro", "BBH/date understanding").get(r.nextInt(3)) + r.nextInt(50);
    BenchmarkRegistered.Builder b = BenchmarkRegistered.newBuilder().setBenchmarkId(id)
        .setAbility(r.nextBoolean() ? null : "reasoning").setShots(r.nextBoolean() ? null : r.nextInt(26))
        .setLabels(java.util.Map.of("source", "generated"));
    String key = id;
    switch (breakage) {
      case 1 -> key = id + "x";
      case 2 -> b.setShots(-1 - r.nextInt(5));
      case 3 -> {
        b.setBenchmarkId("");
        key = "";
      }
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 3, BenchmarkRegistered.class,
        new BenchmarkRegisteredValidator(), r);
  }

  @Property(tries = 2500)
  void responses(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5 + BYTE_BREAKS) int breakage) {
    Random r = new Random(seed);
    String model = "acme/m" + r.nextInt(100);
    List<PromptResponse> responses = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(10); i++) {
      responses.add(PromptResponse.newBuilder().setPromptId("p " + i).setResponse("answer " + r.nextInt()).build());
    }
    ModelResponses.Builder b = ModelResponses.newBuilder().setModelId(model).setResponses(responses).setSource("generated");
    String key = model;
    switch (breakage) {
      case 1 -> key = model + "-other";
      case 2 -> b.setResponses(List.of());
      case 3 -> responses.add(PromptResponse.newBuilder(responses.get(0)).build());
      case 4 -> responses.get(0).setPromptId("");
      case 5 -> responses.get(0).setResponse("y".repeat(ModelResponsesValidator.MAX_CHARS + 1 + r.nextInt(100)));
      default -> { }
    }
    check(new Case<>(key, b.build(), breakage == 0), breakage - 5, ModelResponses.class, new ModelResponsesValidator(), r);
  }

  /**
   * {@code score-tasks}, which the workers read with this serde: a valid task decodes to itself; broken bytes,
   * length bombs included, throw a SerializationException (nothing else), which the worker dead-letters as
   * undecodable. Its id rules are ScoreTaskIds' (ScoreTaskIdsTest, in the worker).
   */
  @Property(tries = 2500)
  void scoreTasks(@ForAll long seed, @ForAll @IntRange(min = 0, max = BYTE_BREAKS) int byteBreak) {
    Random r = new Random(seed);
    ScoreTask task = ScoreTask.newBuilder().setTaskId("acme/m/pile/" + r.nextInt(1000)).setModelId("acme/m" + r.nextInt(9))
        .setSourceUri("file:/models/acme/m").setCorpusId("pile").setTextIds(List.of("t 1", "t,2", "ü" + r.nextInt(9)))
        .setAttempt(r.nextInt(3)).build();
    decodesOrThrowsSerializationException("score-tasks", task, byteBreak, ScoreTask.class, r);
  }

  /** The views read as tables besides model-registered and score-tasks-dlq (above), with random valid records. */
  private static final List<Class<? extends SpecificRecord>> VIEWS = List.of(ModelCoordinates.class, CoordinateFrame.class,
      NeighborList.class, ErrorAgreement.class, ModelAccuracy.class, ScorePredictions.class, PredictionQuality.class,
      ModelAnalytics.class, ModelEmbedding.class, ResponseSimilarity.class);
  private static final List<String> VIEW_TOPICS = List.of("model-coordinates", "coordinate-frame", "model-neighbors",
      "error-agreement", "model-accuracy", "score-predictions", "prediction-quality", "model-analytics",
      "model-embeddings", "response-similarity");

  @Property(tries = 3000)
  @SuppressWarnings({"unchecked", "rawtypes"})
  void otherViews(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int view,
      @ForAll @IntRange(min = 0, max = BYTE_BREAKS) int byteBreak) {
    Random r = new Random(seed);
    String topic = VIEW_TOPICS.get(view);
    Class type = VIEWS.get(view);
    checkView(topic, "k" + r.nextInt(9), randomRecord(type, topic, r), byteBreak, type, r);
  }

  /** A guarded store: its name, the topic it restores from, its record type, whether a KTable's, whether validated. */
  private record Guarded(String store, String changelog, Class<? extends SpecificRecord> type, boolean timestamped,
      boolean validated) {}

  /** Every store whose restore is guarded: the twelve views, and the prediction stores that hold Avro. */
  private static final List<Guarded> GUARDED = List.of(
      new Guarded("view-registered", "model-registered", ModelRegistered.class, true, true),
      new Guarded("view-coordinates", "model-coordinates", ModelCoordinates.class, true, false),
      new Guarded("view-neighbors", "model-neighbors", NeighborList.class, true, false),
      new Guarded("view-frames", "coordinate-frame", CoordinateFrame.class, true, false),
      new Guarded("view-agreement", "error-agreement", ErrorAgreement.class, true, false),
      new Guarded("view-accuracy", "model-accuracy", ModelAccuracy.class, true, false),
      new Guarded("view-predictions", "score-predictions", ScorePredictions.class, true, false),
      new Guarded("view-prediction-quality", "prediction-quality", PredictionQuality.class, true, false),
      new Guarded("view-analytics", "model-analytics", ModelAnalytics.class, true, false),
      new Guarded("view-embeddings", "model-embeddings", ModelEmbedding.class, true, false),
      new Guarded("view-response-similarity", "response-similarity", ResponseSimilarity.class, true, false),
      new Guarded("view-failures", "score-tasks-dlq", DeadLetter.class, true, false),
      new Guarded("prediction-registrations-store", "app-prediction-registrations-store-changelog",
          ModelRegistered.class, false, false),
      new Guarded("prediction-benchmarks-store", "app-prediction-benchmarks-store-changelog", BenchmarkRegistered.class,
          false, false),
      new Guarded("prediction-distances-store", "app-prediction-distances-store-changelog", ModelDistances.class, false,
          false));

  /**
   * Every guarded store's restore, between a valid record and a deletion: a valid value reaches the store;
   * broken bytes (length bombs included) and, for model-registered, a valid record its view refuses (an empty
   * id) never do, and are counted. A view's topic is its changelog (the view dead-lettered the record when it
   * read it, so nothing is sent); a record left out of an internal changelog is dead-lettered with its bytes.
   */
  @Property(tries = 4000)
  void restores(@ForAll long seed, @ForAll @IntRange(min = 0, max = 14) int which,
      @ForAll @IntRange(min = 0, max = BYTE_BREAKS + 1) int breakage) {
    Random r = new Random(seed);
    Guarded store = GUARDED.get(which);
    org.apache.avro.Schema schema = SpecificData.get().getSchema(store.type());
    int id = REGISTRY.register(store.changelog() + "-value", schema);
    byte[] raw = RandomRecords.framed(id, schema, r);
    boolean valid = true;
    if (breakage >= 1 && breakage <= BYTE_BREAKS) {
      raw = broken(raw, breakage, r, store.changelog(), schema);
      valid = false;
    } else if (breakage == BYTE_BREAKS + 1 && store.validated()) {
      raw = new ConfluentAvroSerializer<ModelRegistered>(REGISTRY, false).serialize(store.changelog(),
          ModelRegistered.newBuilder().setModelId(r.nextBoolean() ? "" : "x".repeat(10_240)).setSourceUri("file:/m")
              .setCorpusId("c").build());
      valid = false;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    org.apache.kafka.common.serialization.Deserializer<?> values = store.validated()
        ? new RefusingDeserializer<>(new ConfluentAvroDeserializer<>(REGISTRY, ModelRegistered.class),
            new ModelRegisteredValidator())
        : new ConfluentAvroDeserializer(REGISTRY, store.type());
    org.apache.kafka.clients.producer.MockProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer
        .MockProducer<>(true, null, new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
    io.modelmap.aggregator.restore.RestoreRejects rejects = new io.modelmap.aggregator.restore.RestoreRejects(producer,
        new ConfluentAvroSerializer<>(REGISTRY, false), java.time.Clock.systemUTC());
    byte[] before = RandomRecords.framed(id, schema, r);
    List<ConsumerRecord<byte[], byte[]>> changelog = List.of(
        new ConsumerRecord<>(store.changelog(), 0, 10, "a".getBytes(StandardCharsets.UTF_8), stored(before, store)),
        new ConsumerRecord<>(store.changelog(), 0, 11, "b".getBytes(StandardCharsets.UTF_8), stored(raw, store)),
        new ConsumerRecord<>(store.changelog(), 0, 12, "c".getBytes(StandardCharsets.UTF_8), null));
    List<ConsumerRecord<byte[], byte[]>> restored = io.modelmap.aggregator.restore.RestoreProbe.restore(store.store(),
        values, store.timestamped(), rejects, changelog);
    assertThat(restored).extracting(ConsumerRecord::offset).as("restored into %s (break %d)", store.store(), breakage)
        .containsExactlyElementsOf(valid ? List.of(10L, 11L, 12L) : List.of(10L, 12L));
    assertThat(rejects.count()).hasValue(valid ? 0 : 1);
    if (valid || !store.changelog().endsWith("-changelog")) {
      assertThat(producer.history()).as("dead letters of %s", store.changelog()).isEmpty();
    } else {
      byte[] left = raw;
      assertThat(producer.history()).singleElement().satisfies(sent -> {
        assertThat(sent.topic()).isEqualTo(store.changelog() + "-dlq");
        DeadLetter letter = new ConfluentAvroDeserializer<>(REGISTRY, DeadLetter.class).deserialize(sent.topic(), sent.value());
        assertThat(letter.getErrorClass()).isEqualTo("undecodable");
        assertThat(letter.getOffset()).isEqualTo(11);
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(left));
      });
    }
  }

  /** A value as a restore hands it to the store: a KTable's carries the record's timestamp in front. */
  private static byte[] stored(byte[] raw, Guarded store) {
    return store.timestamped() ? ByteBuffer.allocate(8 + raw.length).putLong(42L).put(raw).array() : raw;
  }

  private static <V extends SpecificRecord> V randomRecord(Class<V> type, String topic, Random r) {
    org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
    byte[] bytes = RandomRecords.framed(REGISTRY.register(topic + "-value", schema), schema, r);
    return new ConfluentAvroDeserializer<>(REGISTRY, type).deserialize(topic, bytes);
  }

  /** A valid record decodes to itself; broken bytes throw SerializationException and nothing else. */
  private static <V extends SpecificRecord> void decodesOrThrowsSerializationException(String topic, V value, int byteBreak,
      Class<V> type, Random r) {
    byte[] bytes = new ConfluentAvroSerializer<V>(REGISTRY, false).serialize(topic, value);
    if (byteBreak >= 1) {
      bytes = broken(bytes, byteBreak, r, topic, value.getSchema());
    }
    ConfluentAvroDeserializer<V> deserializer = new ConfluentAvroDeserializer<>(REGISTRY, type);
    if (byteBreak == 0) {
      assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(value);
    } else {
      byte[] broken = bytes;
      assertThatThrownBy(() -> deserializer.deserialize(topic, broken)).as("break %d", byteBreak)
          .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
  }

  /** A view's record: decoded when valid; when broken, what the deserialization handler makes of it. */
  private static <V extends SpecificRecord> void checkView(String topic, String key, V value, int byteBreak,
      Class<V> type, Random r) {
    byte[] bytes = new ConfluentAvroSerializer<V>(REGISTRY, false).serialize(topic, value);
    if (byteBreak >= 1) {
      bytes = broken(bytes, byteBreak, r, topic, value.getSchema());
    }
    ConfluentAvroDeserializer<V> deserializer = new ConfluentAvroDeserializer<>(REGISTRY, type);
    Exception failure = null;
    V decoded = null;
    try {
      decoded = deserializer.deserialize(topic, bytes);
    } catch (RuntimeException e) {
      failure = e;
    }
    if (byteBreak == 0) {
      assertThat(failure).as("a valid %s decodes", topic).isNull();
      assertThat(decoded).isEqualTo(value);
      return;
    }
    assertThat(failure).as("broken bytes (break %d) do not decode", byteBreak).isNotNull();
    UndecodableViewRecords handler = new UndecodableViewRecords();
    handler.configure(UndecodableViewRecords.settings(REGISTRY, new java.util.concurrent.atomic.AtomicLong()));
    DeserializationExceptionHandler.Response response = handler.handleError(null,
        new ConsumerRecord<>(topic, 0, 5, key.getBytes(StandardCharsets.UTF_8), bytes), failure);
    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    if (topic.endsWith("-dlq")) {
      assertThat(response.deadLetterQueueRecords()).isEmpty();
      return;
    }
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo(topic + "-dlq");
      DeadLetter letter = new ConfluentAvroDeserializer<>(REGISTRY, DeadLetter.class).deserialize(record.topic(),
          record.value());
      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      assertThat(letter.getOffset()).isEqualTo(5);
    });
    assertThat(new ConfluentAvroDeserializer<>(REGISTRY, DeadLetter.class).deserialize(topic + "-dlq",
        response.deadLetterQueueRecords().get(0).value()).getOriginalValue()).isEqualTo(ByteBuffer.wrap(bytes));
  }

  /** Serializes the case, breaks its bytes when {@code byteBreak} ≥ 1, and checks the admission. */
  private static <V extends SpecificRecord> void check(Case<V> c, int byteBreak, Class<V> type, Validator<V> validator,
      Random r) {
    String topic = type.getSimpleName();
    byte[] bytes = new ConfluentAvroSerializer<V>(REGISTRY, false).serialize(topic, c.value());
    boolean valid = c.valid();
    if (byteBreak >= 1) {
      valid = false;
      bytes = broken(bytes, byteBreak, r, topic, c.value().getSchema());
    }
    Admission<V> admission = Admission.of(new ConfluentAvroDeserializer<>(REGISTRY, type), validator, topic,
        c.key(), bytes);
    assertThat(admission.accepted()).as("admission of %s (byte break %d)", c, byteBreak).isEqualTo(valid);
    if (!valid) {
      assertThat(admission.rejection().rule()).isNotBlank();
      assertThat(admission.rejection().message()).isNotBlank();
    } else {
      assertThat(admission.value()).isEqualTo(c.value());
    }
  }

  private static byte[] broken(byte[] bytes, int how, Random r, String topic, org.apache.avro.Schema schema) {
    return switch (how) {
      case 1 -> Arrays.copyOf(bytes, r.nextInt(bytes.length)); // truncated: Avro needs every byte
      case 2 -> {
        byte[] copy = bytes.clone();
        copy[0] = (byte) (1 + r.nextInt(255)); // not the Confluent magic byte
        yield copy;
      }
      case 3 -> {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(1_000_000 + r.nextInt(1000)); // no such schema id
        yield copy;
      }
      case 4 -> {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(8));
        longer[bytes.length] = 1;
        yield longer; // trailing bytes after the record
      }
      case 6 -> LengthBombs.of(REGISTRY.register(topic + "-value", schema), schema); // valid framing and id
      default -> {
        byte[] garbage = new byte[r.nextInt(60)];
        r.nextBytes(garbage);
        if (garbage.length > 0 && garbage[0] == 0) {
          garbage[0] = 7;
        }
        yield garbage;
      }
    };
  }
}
