package io.modelmap.aggregator.responses;

import io.modelmap.aggregator.support.StoreEntries;
import io.modelmap.aggregator.support.TaskSensors;
import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Response similarity as responses arrive (WildChat-50M): a model's response to a prompt is compared
 * with every other model's response to that prompt, O(K) per response and never a recomputation, and
 * added to each pair's exact sums ({@link PairSums}), so the means do not depend on arrival order. The
 * sums are stored with each response (one transaction); the changed pairs' {@code response-similarity}
 * records follow at the next 2 s punctuation. A prompt a model answered before keeps its first response.
 */
public final class ResponseProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Duration PUNCTUATION = Duration.ofSeconds(2);
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> responses;
  private KeyValueStore<String, byte[]> pairs;
  private final Map<ModelPair, PairSums> sums = new HashMap<>();
  private final TreeSet<ModelPair> changed = new TreeSet<>();
  private Sensor repeated;

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    responses = context.getStateStore(ResponseStores.RESPONSES);
    pairs = context.getStateStore(ResponseStores.PAIRS);
    repeated = TaskSensors.counter(context, "repeated-responses",
        "Responses to a prompt the model had answered already, ignored (the first is kept)");
    sums.clear();
    changed.clear();
    StoreEntries.forEach(pairs, (key, value) -> {
      String[] models = ResponseStores.split(key);
      ModelPair pair = ModelPair.of(models[0], models[1]);
      sums.put(pair, ResponseStores.sums(value));
      changed.add(pair); // republished after a restart: compacted and idempotent
    });
    context.schedule(PUNCTUATION, PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (!(record.value() instanceof ModelResponses batch)) {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
    String model = batch.getModelId().toString();
    for (PromptResponse response : batch.getResponses()) {
      add(model, response.getPromptId().toString(), response.getResponse().toString());
    }
  }

  private void add(String model, String prompt, String text) {
    String key = ResponseStores.responseKey(prompt, model);
    if (responses.get(key) != null) {
      repeated.record();
      return;
    }
    ResponsePair.Tokens tokens = ResponsePair.Tokens.of(text);
    List<Map.Entry<String, ResponsePair.Tokens>> others = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = responses.prefixScan(ResponseStores.promptPrefix(prompt),
        Serdes.String().serializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> other = it.next();
        others.add(Map.entry(ResponseStores.split(other.key)[1], ResponseStores.tokens(other.value)));
      }
    }
    // the comparisons in parallel (each is an LCS), the sums in order (they are exact: order does not matter)
    List<ResponsePair> compared = others.parallelStream().map(o -> ResponsePair.of(tokens, o.getValue())).toList();
    for (int i = 0; i < others.size(); i++) {
      ModelPair pair = ModelPair.of(model, others.get(i).getKey());
      PairSums pairSums = sums.computeIfAbsent(pair, p -> new PairSums());
      pairSums.add(compared.get(i));
      pairs.put(pair.a() + '\0' + pair.b(), ResponseStores.sums(pairSums));
      changed.add(pair);
    }
    responses.put(key, ResponseStores.tokens(tokens));
  }

  private void publishChanged(long now) {
    for (ModelPair pair : changed) {
      PairSums pairSums = sums.get(pair);
      ResponsePair means = pairSums.means();
      long[] state = pairSums.toLongs();
      context.forward(new Record<>(CompositeKey.of(pair.a(), pair.b()), ResponseSimilarity.newBuilder()
          .setModelA(pair.a()).setModelB(pair.b()).setPrompts(pairSums.prompts()).setRouge1F(means.rouge1())
          .setRouge2F(means.rouge2()).setRougeLF(means.rougeL()).setBleu(means.bleu())
          .setMeteor(pairSums.meteorPrompts() == 0 ? null : means.meteor()).setMeteorPrompts(pairSums.meteorPrompts())
          .setSums(Arrays.stream(state, 1, Math.min(state.length, 6)).boxed().toList()).build(), now));
    }
    changed.clear();
  }
}
