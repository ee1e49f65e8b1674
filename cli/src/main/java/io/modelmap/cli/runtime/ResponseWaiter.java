package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.formats.responses.ResponseFiles;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Waiter;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.key.CompositeKey;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Waits until every pair of models that share a prompt is published over all the prompts they share. */
public final class ResponseWaiter {
  private final KafkaConnection connection;
  private final PrintStream progress;
  private final Clock clock;

  public ResponseWaiter(KafkaConnection connection, PrintStream progress, Clock clock) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
  }

  /** "a/b" (a &lt; b) → prompts both answered. */
  public static Map<String, Long> sharedPrompts(List<ResponseFiles.Response> responses) {
    Map<String, List<String>> byPrompt = new HashMap<>();
    responses.forEach(r -> byPrompt.computeIfAbsent(r.promptId(), p -> new ArrayList<>()).add(r.modelId()));
    Map<String, Long> shared = new HashMap<>();
    for (List<String> models : byPrompt.values()) {
      for (int i = 0; i < models.size(); i++) {
        for (int j = i + 1; j < models.size(); j++) {
          String a = models.get(i).compareTo(models.get(j)) < 0 ? models.get(i) : models.get(j);
          String b = a.equals(models.get(i)) ? models.get(j) : models.get(i);
          shared.merge(CompositeKey.of(a, b), 1L, Long::sum);
        }
      }
    }
    return shared;
  }

  public void await(Map<String, Long> sharedByPair, Duration timeout) throws TimeoutException, InterruptedException {
    try (LatestByKey<String, ResponseSimilarity> pairsRead =
        new LatestByKey<>(connection, connection.topics().responseSimilarity())) {
      Waiter.of(ProgressLine.on(progress, clock), clock).until(() -> {
        Map<String, ResponseSimilarity> pairs = pairsRead.current();
        long done = sharedByPair.entrySet().stream()
            .filter(e -> pairs.containsKey(e.getKey()) && pairs.get(e.getKey()).getPrompts() == e.getValue()).count();
        boolean all = done == sharedByPair.size();
        return new Waiter.Status(all, all ? "  response similarity published for all " + Plural.of(done, "pair")
            : "  response similarity: " + done + " of " + Plural.of(sharedByPair.size(), "pair") + " up to date",
            "the aggregator published " + done + " of " + Plural.of(sharedByPair.size(), "pair")
                + "; check its log and the model-responses-dlq topic");
      }, timeout);
    }
  }
}
