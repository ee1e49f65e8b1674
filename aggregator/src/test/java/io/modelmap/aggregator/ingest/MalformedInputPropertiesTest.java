package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.DeadLetter;
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
 * 15,000 generated records, valid or broken in one known way — a rule of the validator, or the bytes
 * themselves (truncated, wrong magic byte, unknown schema id, trailing bytes, garbage). 2,500 per
 * input topic go through the serde and the validator: nothing throws, every valid record is accepted,
 * every broken one is refused with a rule and a message. 2,500 per view ({@code model-registered},
 * {@code score-tasks-dlq}) go through the serde and, when they do not decode, the aggregator's
 * deserialization handler: every valid one decodes, every broken one becomes exactly one dead letter
 * carrying its bytes (a broken dead letter is skipped, never dead-lettered again).
 */
class MalformedInputPropertiesTest {
  private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
  private static final int BYTE_BREAKS = 5;

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

  /** A view's record: decoded when valid; when broken, what the deserialization handler makes of it. */
  private static <V extends SpecificRecord> void checkView(String topic, String key, V value, int byteBreak,
      Class<V> type, Random r) {
    byte[] bytes = new ConfluentAvroSerializer<V>(REGISTRY, false).serialize(topic, value);
    if (byteBreak >= 1) {
      bytes = broken(bytes, byteBreak, r);
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
      bytes = broken(bytes, byteBreak, r);
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

  private static byte[] broken(byte[] bytes, int how, Random r) {
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
