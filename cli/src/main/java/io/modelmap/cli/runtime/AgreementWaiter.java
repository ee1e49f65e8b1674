package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Waits until every expected pair is published over all its shared items and every model's accuracy is current. */
public final class AgreementWaiter {
  private final ConnectionConfig connection;
  private final PrintStream progress;
  private final Clock clock;

  public AgreementWaiter(ConnectionConfig connection, PrintStream progress, Clock clock) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * @param sharedByPair "a/b" (a &lt; b) → items both answered
   * @param answeredByModel model → items it answered
   */
  public void await(Map<String, Long> sharedByPair, Map<String, Long> answeredByModel, Duration timeout)
      throws TimeoutException, InterruptedException {
    TopicReader reader = new TopicReader(connection);
    Polling.until(() -> {
      Map<String, ErrorAgreement> pairs = reader.latestByKey(connection.topics().errorAgreement());
      Map<String, ModelAccuracy> accuracy = reader.latestByKey(connection.topics().modelAccuracy());
      long pairsDone = sharedByPair.entrySet().stream().filter(e -> e.getValue() == 0
          || (pairs.containsKey(e.getKey()) && pairs.get(e.getKey()).getItems() == e.getValue())).count();
      long modelsDone = answeredByModel.entrySet().stream().filter(e -> e.getValue() == 0
          || (accuracy.containsKey(e.getKey()) && accuracy.get(e.getKey()).getAnswered() == e.getValue())).count();
      boolean done = pairsDone == sharedByPair.size() && modelsDone == answeredByModel.size();
      return new Polling.Status(done, done
          ? "  agreement published for all " + Plural.of(pairsDone, "pair") + " of " + Plural.of(modelsDone, "model")
          : "  agreement: " + pairsDone + " of " + Plural.of(sharedByPair.size(), "pair") + ", " + modelsDone + " of "
              + Plural.of(answeredByModel.size(), "model") + " up to date",
          "the aggregator published " + pairsDone + " of " + Plural.of(sharedByPair.size(), "pair")
              + "; check its log and the mc-items-dlq / mc-answers-dlq topics");
    }, timeout, progress, clock);
  }
}
