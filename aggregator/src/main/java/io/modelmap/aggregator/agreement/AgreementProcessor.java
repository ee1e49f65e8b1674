package io.modelmap.aggregator.agreement;

import static io.modelmap.schemas.topic.DeadLetterReason.CHOICE_OUT_OF_RANGE;
import static io.modelmap.schemas.topic.DeadLetterReason.CONFLICTING_ITEM;
import static io.modelmap.schemas.topic.DeadLetterReason.UNKNOWN_ITEM;

import io.modelmap.aggregator.support.StoreEntries;
import io.modelmap.aggregator.ingest.DeadLetterSink;
import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.PendingRecords;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.aggregator.support.TaskSensors;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Owns every item, answer and pair count (all records arrive under one key). Each applied answers
 * record publishes the pairs it changed at once; per-model accuracy and partner summaries follow on
 * the wall-clock punctuation, so a burst of answers publishes each model once. A model that has
 * answered every known item of a benchmark also gets its accuracy there published on
 * {@code benchmark-scores} (source {@code measured}), where prediction takes it in.
 *
 * <p>Answers naming an item not seen yet wait in a store (items and answers are read independently)
 * and are applied as a whole once all their items are known, or dead-lettered after the pending
 * timeout. A re-sent answer to a (model, item) never counts twice: the first is kept, repeats and
 * conflicts are counted as metrics.
 */
public final class AgreementProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private final PublishingSettings publishing;
  private final TopicNames topics;
  private final Serde<McAnswers> answersSerde;
  private final Serde<McItem> itemsSerde;
  private final Clock clock;
  private AgreementState state;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> items;
  private KeyValueStore<String, byte[]> answers;
  private KeyValueStore<String, byte[]> pairs;
  private PendingRecords pending;
  private DeadLetterSink deadLetters;
  private Sensor duplicates;
  private Sensor conflicts;

  public AgreementProcessor(PublishingSettings publishing, TopicNames topics, Serde<McAnswers> answersSerde,
      Serde<McItem> itemsSerde, Clock clock) {
    this.publishing = publishing;
    this.topics = topics;
    this.answersSerde = answersSerde;
    this.itemsSerde = itemsSerde;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.items = AgreementStores.get(context, AgreementStores.ITEMS);
    this.answers = AgreementStores.get(context, AgreementStores.ANSWERS);
    this.pairs = AgreementStores.get(context, AgreementStores.PAIRS);
    this.pending = new PendingRecords(AgreementStores.get(context, AgreementStores.PENDING), clock,
        publishing.pendingTimeout(),
        parked -> answersSerde.deserializer().deserialize(parked.source().topic(), parked.encodedValue()).getBenchmarkId(),
        parked -> answersSerde.deserializer().deserialize(parked.source().topic(), parked.encodedValue()).getModelId());
    this.deadLetters = new DeadLetterSink(context, clock);
    this.duplicates = TaskSensors.counter(context, "duplicate-answers",
        "Answers of a (model, item) already counted, ignored");
    this.conflicts = TaskSensors.counter(context, "conflicting-answers",
        "Answers of a (model, item) that differ from the first one, which is kept");
    restore();
    context.schedule(publishing.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  private void restore() {
    // A task closed dirty under exactly-once is revived with this same instance: memory may hold
    // answers its rolled-back transaction counted, so it is rebuilt from the stores alone.
    state = new AgreementState();
    StoreEntries.forEach(items, (key, value) -> {
      state.addItem(key, AgreementStores.gold(value), AgreementStores.choices(value));
    });
    StoreEntries.forEach(answers, (key, value) -> {
      String[] parts = AgreementStores.split(key);
      state.restoreAnswer(parts[0], state.itemIndex(parts[1]).orElseThrow(),
          AgreementStores.chosenIndex(value));
    });
    StoreEntries.forEach(pairs, (key, value) -> {
      String[] parts = AgreementStores.split(key);
      state.restorePair(new AgreementState.PairKey(parts[0], parts[1]), AgreementStores.counts(value));
    });
    state.drainChangedModels();
    state.drainChangedBenchmarkAccuracy(); // published before the restart
  }


  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof McItem item) {
      onItem(record, item);
    } else if (record.value() instanceof McAnswers mcAnswers) {
      SourceCoordinates source = SourceCoordinates.readFrom(record.headers())
          .orElse(new SourceCoordinates(topics.mcAnswers(), -1, -1));
      onAnswers(mcAnswers, source, record.timestamp(), pending.nowMs());
    } else {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
  }

  private void onItem(Record<String, SpecificRecord> record, McItem item) {
    String key = CompositeKey.of(item.getBenchmarkId(), item.getItemId());
    switch (state.addItem(key, item.getGoldIndex(), item.getChoices().size())) {
      case ADDED -> {
        items.put(key, AgreementStores.ints(item.getGoldIndex(), item.getChoices().size()));
        pending.arrived(item.getBenchmarkId());
      }
      case DUPLICATE -> { }
      case CONFLICT -> deadLetters.send(key, itemsSerde.serializer().serialize(topics.mcItems(), item),
          SourceCoordinates.readFrom(record.headers()).orElse(new SourceCoordinates(topics.mcItems(), -1, -1)),
          CONFLICTING_ITEM.code(),
          "item " + key + " was published before with a different gold index or number of choices; answers were"
              + " counted against the first version. Publish a changed item under a new item or benchmark id",
          record.timestamp());
    }
  }

  /**
   * Applies the record when all its items are known and no earlier answers of its model wait (first wins:
   * it would overtake them), parks it otherwise; true unless it is still waiting.
   */
  private boolean onAnswers(McAnswers record, SourceCoordinates source, long timestamp, long firstSeenMs) {
    List<Integer> indices = resolve(record);
    if (indices == null || pending.waits(record.getBenchmarkId(), record.getModelId())) {
      if (indices == null && pending.expired(firstSeenMs)) {
        deadLetters.send(record.getModelId(), encode(source, record), source, UNKNOWN_ITEM.code(),
            "answers name items of benchmark " + record.getBenchmarkId() + " not published to mc-items within "
                + publishing.pendingTimeout() + "; publish the items before their answers", timestamp);
        return true;
      }
      pending.park(record.getBenchmarkId(), new ParkedRecord(firstSeenMs, source, encode(source, record)));
      return false;
    }
    Optional<String> outOfRange = outOfRange(record, indices);
    if (outOfRange.isPresent()) {
      deadLetters.send(record.getModelId(), encode(source, record), source, CHOICE_OUT_OF_RANGE.code(),
          outOfRange.get(), timestamp);
      return true;
    }
    apply(record, indices, timestamp);
    return true;
  }

  private List<Integer> resolve(McAnswers record) {
    List<Integer> indices = new ArrayList<>(record.getAnswers().size());
    for (McAnswer answer : record.getAnswers()) {
      var index = state.itemIndex(CompositeKey.of(record.getBenchmarkId(), answer.getItemId()));
      if (index.isEmpty()) {
        return null;
      }
      indices.add(index.getAsInt());
    }
    return indices;
  }

  private Optional<String> outOfRange(McAnswers record, List<Integer> indices) {
    for (int i = 0; i < indices.size(); i++) {
      McAnswer answer = record.getAnswers().get(i);
      int choices = state.choices(indices.get(i));
      Integer norm = answer.getChosenIndexNorm();
      int scored = answer.getChoiceLogLikelihoods().size();
      if (answer.getChosenIndex() >= choices || (norm != null && norm >= choices) || (scored > 0 && scored != choices)) {
        return Optional.of("answer of " + record.getModelId() + " to item " + answer.getItemId() + " (chosen "
            + answer.getChosenIndex() + ", " + scored + " choice log-likelihoods) does not fit its " + choices
            + " choices; nothing of this record was counted");
      }
    }
    return Optional.empty();
  }

  private void apply(McAnswers record, List<Integer> indices, long timestamp) {
    String model = record.getModelId();
    for (int i = 0; i < indices.size(); i++) {
      McAnswer answer = record.getAnswers().get(i);
      switch (state.answer(model, indices.get(i), answer.getChosenIndex())) {
        case ADDED -> answers.put(AgreementStores.answerKey(model, CompositeKey.of(record.getBenchmarkId(), answer.getItemId())),
            AgreementStores.chosen(answer.getChosenIndex()));
        case DUPLICATE -> duplicates.record();
        case CONFLICT -> conflicts.record();
      }
    }
    for (AgreementState.PairKey pair : state.drainChangedPairs()) {
      var counts = state.pair(pair);
      pairs.put(AgreementStores.pairKey(pair), AgreementStores.counts(counts));
      context.forward(new Record<>(AgreementRecords.key(pair), AgreementRecords.errorAgreement(pair, counts),
          timestamp));
    }
  }

  private void punctuate(long now) {
    retryPending(now);
    for (String model : state.drainChangedModels()) {
      context.forward(new Record<>(model, AgreementRecords.modelAccuracy(model, state.accuracy(model),
          state.partners(model), publishing.neighborCount()), now));
    }
    for (List<String> modelAndBenchmark : state.drainChangedBenchmarkAccuracy()) {
      String model = modelAndBenchmark.get(0);
      String benchmark = modelAndBenchmark.get(1);
      long[] accuracy = state.accuracy(model, benchmark);
      if (accuracy[0] == state.items(benchmark)) { // every known item answered: the score is the benchmark's
        context.forward(new Record<>(CompositeKey.of(model, benchmark),
            AgreementRecords.measuredScore(model, benchmark, accuracy, now), now));
      }
    }
  }

  private void retryPending(long now) {
    for (String benchmark : pending.due()) {
      pending.retry(benchmark, p -> onAnswers(answersSerde.deserializer().deserialize(p.source().topic(), p.encodedValue()),
          p.source(), now, p.firstSeenMs()));
    }
  }

  private byte[] encode(SourceCoordinates source, McAnswers record) {
    return answersSerde.serializer().serialize(source.topic(), record);
  }
}
