package io.modelmap.aggregator.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.aggregator.app.RevivableTask;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** As {@code MatrixProcessorRevivalTest}, for answers: a revived task counts replayed answers once, and no answer twice. */
class AgreementProcessorRevivalTest {
  private static final String BENCHMARK = "mmlu-pro";
  private static final int[] GOLD = {0, 1, 2, 3};

  private static List<KeyValueStore<?, ?>> stores() {
    List<KeyValueStore<?, ?>> stores = new ArrayList<>();
    for (String name : AgreementStores.names()) {
      stores.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
          .withLoggingDisabled().build());
    }
    return stores;
  }

  private static Record<String, SpecificRecord> item(int i) {
    return new Record<>("agreement", McItem.newBuilder().setBenchmarkId(BENCHMARK).setItemId("q " + i)
        .setQuestion("?").setChoices(List.of("a", "b", "c", "d")).setGoldIndex(GOLD[i]).build(), 0L);
  }

  private static Record<String, SpecificRecord> answers(String model, int from, int to, int[] chosen) {
    List<McAnswer> list = new ArrayList<>();
    for (int i = from; i < to; i++) {
      list.add(McAnswer.newBuilder().setItemId("q " + i).setChosenIndex(chosen[i]).setChoiceLogLikelihoods(List.of())
          .build());
    }
    return new Record<>("agreement", McAnswers.newBuilder().setModelId(model).setBenchmarkId(BENCHMARK)
        .setAnswers(list).build(), 0L);
  }

  private final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());

  @Test
  void shouldCountReplayedAnswersOnceAfterARevival() throws Exception {
    AgreementProcessor processor = new AgreementProcessor(PublishingSettings.defaults(), TopicNames.defaults(),
        topics.mcAnswers().valueSerde(), topics.mcItems().valueSerde(), Clock.systemUTC());
    int[] a = {0, 1, 0, 0};
    int[] b = {0, 2, 0, 3};
    RevivableTask task = new RevivableTask(AgreementProcessorRevivalTest::stores);
    processor.init(task.start());
    for (int i = 0; i < GOLD.length; i++) {
      processor.process(item(i));
    }
    processor.process(answers("acme/a", 0, 4, a));
    processor.process(answers("acme/b", 0, 2, b));
    task.commit();
    processor.process(answers("acme/b", 2, 4, b)); // aborted

    MockProcessorContext<String, SpecificRecord> revived = task.revive();
    processor.init(revived);
    processor.process(answers("acme/b", 2, 4, b));
    revived.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000);

    ErrorAgreement pair = revived.forwarded().stream().map(f -> f.record().value())
        .filter(ErrorAgreement.class::isInstance).map(ErrorAgreement.class::cast).reduce((x, y) -> y).orElseThrow();
    assertThat(pair.getItems()).as("the replayed answers are counted").isEqualTo(4);
    assertThat(pair.getSame()).isEqualTo(2); // items 0 and 2
    Map<String, ModelAccuracy> accuracy = revived.forwarded().stream().map(f -> f.record().value())
        .filter(ModelAccuracy.class::isInstance).map(ModelAccuracy.class::cast)
        .collect(Collectors.toMap(ModelAccuracy::getModelId, m -> m, (x, y) -> y));
    assertThat(accuracy.get("acme/b").getAnswered()).as("each answer counted once").isEqualTo(4);
    assertThat(accuracy.get("acme/b").getCorrect()).isEqualTo(2); // items 0 and 3
    assertThat(accuracy.get("acme/a").getAnswered()).isEqualTo(4);
  }
}
