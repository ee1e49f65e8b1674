package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.key.CompositeKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * Response similarity in the topology on 24 real models' responses to 25 MMLU-Pro prompts: every pair's
 * record equals the means of the pair's comparisons made here, prompt by prompt; two arrival orders
 * (by model, and shuffled one response per record) give bit-identical records; a repeated response is
 * ignored and a malformed record is dead-lettered.
 */
class ResponseTopologyTest {
  private record Response(String model, String prompt, String text) {}

  @Test
  void pairsEqualTheirComparisonsWhateverTheOrder() throws Exception {
    List<Response> responses = read();
    Map<String, ResponseSimilarity> byModel = run(batchesByModel(responses));
    List<Response> shuffled = new ArrayList<>(responses);
    Collections.shuffle(shuffled, new Random(7));
    Map<String, ResponseSimilarity> oneByOne = run(shuffled.stream().map(r -> batch(r.model(), List.of(r))).toList());

    assertThat(oneByOne).as("two arrival orders, identical records").isEqualTo(byModel);
    // every pair by hand: the comparisons of each prompt both answered, summed exactly
    Map<ModelPair, PairSums> expected = new HashMap<>();
    Map<String, List<Response>> byPrompt = new LinkedHashMap<>();
    responses.forEach(r -> byPrompt.computeIfAbsent(r.prompt(), p -> new ArrayList<>()).add(r));
    for (List<Response> answers : byPrompt.values()) {
      for (int i = 0; i < answers.size(); i++) {
        for (int j = i + 1; j < answers.size(); j++) {
          expected.computeIfAbsent(ModelPair.of(answers.get(i).model(), answers.get(j).model()), p -> new PairSums())
              .add(ResponsePair.of(ResponsePair.Tokens.of(answers.get(i).text()),
                  ResponsePair.Tokens.of(answers.get(j).text())));
        }
      }
    }
    assertThat(byModel).hasSize(expected.size());
    expected.forEach((pair, sums) -> {
      ResponseSimilarity record = byModel.get(CompositeKey.of(pair.a(), pair.b()));
      assertThat(record.getPrompts()).isEqualTo(sums.prompts());
      assertThat(record.getRougeLF()).as("%s ROUGE-L", pair).isEqualTo(sums.means().rougeL());
      assertThat(record.getRouge1F()).isEqualTo(sums.means().rouge1());
      assertThat(record.getRouge2F()).isEqualTo(sums.means().rouge2());
      assertThat(record.getBleu()).isEqualTo(sums.means().bleu());
      assertThat(record.getMeteor()).as("%s METEOR", pair).isEqualTo(sums.means().meteor());
      assertThat(record.getMeteorPrompts()).isEqualTo(sums.prompts());
      assertThat(record.getSums()).hasSize(5);
    });
  }

  @Test
  void aRepeatedResponseIsIgnoredAndAMalformedRecordDeadLettered() throws Exception {
    List<Response> responses = read().subList(0, 48);
    try (AggregatorHarness h = new AggregatorHarness(config -> config)) {
      TestInputTopic<String, ModelResponses> in = input(h);
      TestOutputTopic<String, ResponseSimilarity> out = output(h);
      batchesByModel(responses).forEach(b -> in.pipeInput(b.getModelId().toString(), b));
      h.advance(java.time.Duration.ofSeconds(2));
      Map<String, ResponseSimilarity> first = out.readKeyValuesToMap();
      Response again = responses.get(0);
      in.pipeInput(again.model(), batch(again.model(), List.of(new Response(again.model(), again.prompt(), "changed"))));
      h.advance(java.time.Duration.ofSeconds(2));
      assertThat(out.readKeyValuesToMap()).as("the first response to a prompt stands").isEmpty();
      assertThat(first).isNotEmpty();

      in.pipeInput("org/model", batch("org/model", List.of(new Response("org/model", "p 1", "a"),
          new Response("org/model", "p 1", "b"))));
      List<DeadLetter> rejected = h.deadLetters(h.topics.modelResponses().name());
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getErrorClass()).hasToString("duplicate-prompt");
    }
  }

  private static Map<String, ResponseSimilarity> run(List<ModelResponses> batches) throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(config -> config)) {
      TestInputTopic<String, ModelResponses> in = input(h);
      TestOutputTopic<String, ResponseSimilarity> out = output(h);
      Map<String, ResponseSimilarity> latest = new HashMap<>();
      for (ModelResponses b : batches) {
        in.pipeInput(b.getModelId().toString(), b);
      }
      h.advance(java.time.Duration.ofSeconds(2));
      latest.putAll(out.readKeyValuesToMap());
      return latest;
    }
  }

  private static TestInputTopic<String, ModelResponses> input(AggregatorHarness h) {
    return h.input(h.topics.modelResponses());
  }

  private static TestOutputTopic<String, ResponseSimilarity> output(AggregatorHarness h) {
    return h.output(h.topics.responseSimilarity());
  }

  private static List<ModelResponses> batchesByModel(List<Response> responses) {
    Map<String, List<Response>> byModel = new LinkedHashMap<>();
    responses.forEach(r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r));
    return byModel.entrySet().stream().map(e -> batch(e.getKey(), e.getValue())).toList();
  }

  private static ModelResponses batch(String model, List<Response> responses) {
    return ModelResponses.newBuilder().setModelId(model).setResponses(responses.stream()
        .map(r -> PromptResponse.newBuilder().setPromptId(r.prompt()).setResponse(r.text()).build()).toList()).build();
  }

  private static List<Response> read() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Response> responses = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        ResponseTopologyTest.class.getResourceAsStream("/data/mmlu-pro-responses-25/responses.jsonl.gz")),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode node = json.readTree(line);
        responses.add(new Response(node.get("model_id").asText(), node.get("prompt_id").asText(),
            node.get("response").asText()));
      }
    }
    return responses;
  }
}
