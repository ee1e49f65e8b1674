package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Waiter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Waits until every expected pair is published over all its shared items and every model's accuracy is current. */
public final class AgreementWaiter {
  private final KafkaConnection connection;
  private final PrintStream progress;
  private final Clock clock;

  public AgreementWaiter(KafkaConnection connection, PrintStream progress, Clock clock) {
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
    try (LatestByKey<String, ErrorAgreement> pairsRead = new LatestByKey<>(connection, connection.topics().errorAgreement());
        LatestByKey<String, ModelAccuracy> accuracyRead = new LatestByKey<>(connection, connection.topics().modelAccuracy())) {
      Waiter.of(ProgressLine.on(progress, clock), clock).until(() -> status(sharedByPair, answeredByModel, pairsRead.current(),
          accuracyRead.current()), timeout);
    }
  }

  private static Waiter.Status status(Map<String, Long> sharedByPair, Map<String, Long> answeredByModel,
      Map<String, ErrorAgreement> pairs, Map<String, ModelAccuracy> accuracy) {
    long pairsDone = sharedByPair.entrySet().stream().filter(e -> e.getValue() == 0
        || (pairs.containsKey(e.getKey()) && pairs.get(e.getKey()).getItems() == e.getValue())).count();
    long modelsDone = answeredByModel.entrySet().stream().filter(e -> e.getValue() == 0
        || (accuracy.containsKey(e.getKey()) && accuracy.get(e.getKey()).getAnswered() == e.getValue())).count();
    boolean done = pairsDone == sharedByPair.size() && modelsDone == answeredByModel.size();
    return new Waiter.Status(done, done
        ? "  agreement published for all " + Plural.of(pairsDone, "pair") + " of " + Plural.of(modelsDone, "model")
        : "  agreement: " + pairsDone + " of " + Plural.of(sharedByPair.size(), "pair") + ", " + modelsDone + " of "
            + Plural.of(answeredByModel.size(), "model") + " up to date",
        "the aggregator published " + pairsDone + " of " + Plural.of(sharedByPair.size(), "pair")
            + "; check its log and the mc-items-dlq / mc-answers-dlq topics");
  }
}
