package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

class AgreementTopologyTest {
  private static final String BENCH = "bench";

  private static McItem item(String id, int gold, int choices) {
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < choices; c++) {
      texts.add("choice " + c);
    }
    return McItem.newBuilder().setBenchmarkId(BENCH).setItemId(id).setQuestion("q " + id).setChoices(texts)
        .setGoldIndex(gold).build();
  }

  private static McAnswer answer(String item, int chosen) {
    return McAnswer.newBuilder().setItemId(item).setChosenIndex(chosen).build();
  }

  private static McAnswers answers(String model, List<McAnswer> list) {
    return McAnswers.newBuilder().setModelId(model).setBenchmarkId(BENCH).setAnswers(list).build();
  }

  private static void publishItem(AggregatorHarness h, McItem item) {
    h.items.pipeInput(BENCH + "/" + item.getItemId(), item);
  }

  /** The six items of the math module's hand-worked pair, answered by "a" and "b". */
  private static void handWorkedPair(AggregatorHarness h) {
    int[][] items = {{0, 4, 0, 0}, {1, 4, 2, 2}, {1, 4, 3, 0}, {2, 3, -1, -1}, {0, 3, 0, 1}, {0, 10, 5, 5}};
    List<McAnswer> a = new ArrayList<>();
    List<McAnswer> b = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      publishItem(h, item("i" + i, items[i][0], items[i][1]));
      a.add(answer("i" + i, items[i][2]));
      b.add(answer("i" + i, items[i][3]));
    }
    h.answers.pipeInput("b", answers("b", b));
    h.answers.pipeInput("a", answers("a", a));
  }

  @Test
  void publishesTheHandWorkedPairWithItsCounts() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      handWorkedPair(h);
      h.advance(Duration.ofSeconds(3));

      ErrorAgreement pair = h.agreement.readKeyValuesToMap().get("a/b");
      assertThat(pair.getModelA()).isEqualTo("a");
      assertThat(List.of(pair.getItems(), pair.getSame(), pair.getBothCorrect(), pair.getEitherWrong(),
          pair.getAgreeEitherWrong(), pair.getBothWrong(), pair.getAgreeBothWrong(), pair.getCorrectA(),
          pair.getCorrectB())).containsExactly(6L, 3L, 1L, 5L, 2L, 4L, 2L, 2L, 1L);
      assertThat(pair.getRateBothWrong()).isEqualTo(0.5);
      assertThat(pair.getBaselineBothWrong()).isCloseTo(23.0 / 72, within(1e-15));

      Map<String, ModelAccuracy> accuracy = h.accuracy.readKeyValuesToMap();
      assertThat(accuracy.get("a").getCorrect()).isEqualTo(2);
      assertThat(accuracy.get("a").getAnswered()).isEqualTo(6);
      assertThat(accuracy.get("b").getMostCorrelated()).singleElement()
          .satisfies(p -> assertThat(p.getModelId()).isEqualTo("a"));
    }
  }

  /**
   * Issue 26 (found by ChaosIT): first wins also for answers that waited for their item. The first answers
   * of "a" name an item not published yet and wait; the item arrives (they are retried at the next
   * punctuation) and, before that, a re-answer whose items are all known comes in. It used to be applied at
   * once and the first answer was then counted as the conflict; now it waits behind the first.
   */
  @Test
  void aLaterAnswerNeverOvertakesAnEarlierOneThatWaitedForItsItem() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      publishItem(h, item("i0", 0, 4));
      h.answers.pipeInput("a", answers("a", List.of(answer("i0", 0), answer("late", 1))));
      publishItem(h, item("late", 1, 4));
      h.answers.pipeInput("a", answers("a", List.of(answer("late", 2))));
      h.advance(Duration.ofSeconds(3));

      ModelAccuracy a = h.accuracy.readKeyValuesToMap().get("a");
      assertThat(a.getAnswered()).isEqualTo(2);
      assertThat(a.getCorrect()).as("the first answer to 'late' (1, right) counts, not the re-answer (2)").isEqualTo(2);
    }
  }

  @Test
  void aModelThatAnsweredEveryItemHasItsAccuracyPublishedAsAMeasuredScore() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      TestOutputTopic<String, BenchmarkScore> scores = h.driver.createOutputTopic(h.topics.benchmarkScores().name(),
          Serdes.String().deserializer(), h.topics.benchmarkScores().valueSerde().deserializer());
      handWorkedPair(h);
      h.advance(Duration.ofSeconds(3));
      Map<String, BenchmarkScore> measured = scores.readKeyValuesToMap();
      assertThat(measured).containsOnlyKeys(CompositeKey.of("a", BENCH), CompositeKey.of("b", BENCH));
      BenchmarkScore a = measured.get(CompositeKey.of("a", BENCH));
      assertThat(a.getValue()).isEqualTo(2.0 / 6); // the hand-worked pair: a right on 2 of the 6 items
      assertThat(a.getSource()).isEqualTo("measured");
      assertThat(a.getMetric()).isEqualTo("accuracy");
      assertThat(measured.get(CompositeKey.of("b", BENCH)).getValue()).isEqualTo(1.0 / 6);

      publishItem(h, item("i6", 1, 2));
      h.answers.pipeInput("c", answers("c", List.of(answer("i6", 1))));
      h.advance(Duration.ofSeconds(3));
      assertThat(scores.readKeyValuesToMap()).as("c answered 1 of the 7 items").isEmpty();

      h.answers.pipeInput("a", answers("a", List.of(answer("i6", 1))));
      h.advance(Duration.ofSeconds(3));
      assertThat(scores.readKeyValuesToMap()).containsOnlyKeys(CompositeKey.of("a", BENCH))
          .hasEntrySatisfying(CompositeKey.of("a", BENCH), s -> assertThat(s.getValue()).isEqualTo(3.0 / 7));
    }
  }

  @Test
  void aResentOrConflictingAnswerNeverCountsTwice() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      handWorkedPair(h);
      ErrorAgreement first = h.agreement.readKeyValuesToMap().get("a/b");
      h.answers.pipeInput("a", answers("a", List.of(answer("i0", 0), answer("i1", 2))));
      h.answers.pipeInput("a", answers("a", List.of(answer("i1", 3))));
      assertThat(h.agreement.readKeyValuesToMap()).isEmpty();
      assertThat(metric(h, "duplicate-answers")).isEqualTo(2.0);
      assertThat(metric(h, "conflicting-answers")).isEqualTo(1.0);
      h.answers.pipeInput("c", answers("c", List.of(answer("i1", 2))));
      assertThat(h.agreement.readKeyValuesToMap().keySet()).containsExactlyInAnyOrder("a/c", "b/c");
      assertThat(first.getItems()).isEqualTo(6);
    }
  }

  @Test
  void sameAnswersInAnotherOrderGiveIdenticalOutputs() throws Exception {
    Random random = new Random(11);
    List<McItem> items = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int choices = 3 + random.nextInt(8);
      items.add(item(String.format("q%03d", i), random.nextInt(choices), choices));
    }
    List<McAnswers> records = new ArrayList<>();
    for (int m = 0; m < 6; m++) {
      List<McAnswer> all = new ArrayList<>();
      for (McItem item : items) {
        double roll = random.nextDouble();
        if (roll < 0.1) {
          continue; // not answered
        }
        int chosen = roll < 0.15 ? -1
            : random.nextDouble() < 0.3 + 0.1 * m ? item.getGoldIndex() : random.nextInt(Math.min(3, item.getChoices().size()));
        all.add(answer(item.getItemId(), chosen));
      }
      for (int from = 0; from < all.size(); from += 25) {
        records.add(answers("model-" + m, all.subList(from, Math.min(all.size(), from + 25))));
      }
    }
    Outputs inOrder = replay(items, records, 0);
    List<McAnswers> shuffledRecords = new ArrayList<>(records);
    Collections.shuffle(shuffledRecords, new Random(3));
    List<McAnswers> shuffled = new ArrayList<>();
    for (McAnswers r : shuffledRecords) {
      List<McAnswer> list = new ArrayList<>(r.getAnswers());
      Collections.shuffle(list, new Random(r.getAnswers().size()));
      shuffled.add(answers(r.getModelId().toString(), list));
    }
    List<McItem> shuffledItems = new ArrayList<>(items);
    Collections.shuffle(shuffledItems, new Random(5));
    Outputs otherOrder = replay(shuffledItems, shuffled, 40);

    assertThat(inOrder.agreement()).hasSize(15);
    assertThat(otherOrder.agreement()).isEqualTo(inOrder.agreement());
    assertThat(otherOrder.accuracy()).hasSize(6).isEqualTo(inOrder.accuracy());
  }

  private record Outputs(Map<String, ErrorAgreement> agreement, Map<String, ModelAccuracy> accuracy) {}

  /** Publishes {@code itemsFirst} items, then the answers, then the rest of the items (those answers wait). */
  private static Outputs replay(List<McItem> items, List<McAnswers> records, int itemsLate) throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      items.subList(itemsLate, items.size()).forEach(i -> publishItem(h, i));
      records.forEach(r -> h.answers.pipeInput(r.getModelId().toString(), r));
      items.subList(0, itemsLate).forEach(i -> publishItem(h, i));
      h.advance(Duration.ofSeconds(3));
      assertThat(h.deadLetters(h.topics.mcAnswers().name())).isEmpty();
      return new Outputs(h.agreement.readKeyValuesToMap(), h.accuracy.readKeyValuesToMap());
    }
  }

  @Test
  void badItemsAndAnswersGoToTheirDeadLetterTopicsAndCountNothing() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      publishItem(h, item("ok", 1, 4));
      publishItem(h, item("gold", 4, 4));
      h.items.pipeInput(BENCH + "/ok", item("ok", 2, 4)); // contradicts the first version
      h.answers.pipeInput("a", answers("a", List.of(answer("ok", 1), answer("ok", 2))));
      h.answers.pipeInput("a", answers("a", List.of(answer("ok", 1), answer("gold", 0))));
      h.answers.pipeInput("b", answers("b", List.of(answer("ok", 7))));
      h.answers.pipeInput("c", answers("c", List.of(answer("ok", 0))));

      List<DeadLetter> itemRejects = h.deadLetters(h.topics.mcItems().name());
      assertThat(itemRejects).extracting(d -> d.getErrorClass().toString())
          .containsExactly("gold-out-of-range", "conflicting-item");
      McItem contradicting = h.topics.mcItems().valueSerde().deserializer()
          .deserialize(h.topics.mcItems().name(), itemRejects.get(1).getOriginalValue().array());
      assertThat(contradicting.getGoldIndex()).as("the dead letter carries the refused item").isEqualTo(2);
      assertThat(h.deadLetters(h.topics.mcAnswers().name())).extracting(d -> d.getErrorClass().toString())
          .containsExactly("duplicate-item", "choice-out-of-range");

      h.advance(Duration.ofMinutes(11));
      assertThat(h.deadLetters(h.topics.mcAnswers().name())).extracting(d -> d.getErrorClass().toString())
          .containsExactly("unknown-item");
      assertThat(h.agreement.readKeyValuesToMap()).isEmpty();
      assertThat(h.accuracy.readKeyValuesToMap()).containsOnlyKeys("c");
    }
  }

  private static double metric(AggregatorHarness h, String name) {
    return h.driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
  }
}
