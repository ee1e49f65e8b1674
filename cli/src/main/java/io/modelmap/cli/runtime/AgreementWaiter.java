package io.modelmap.cli.runtime;

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
    long deadline = clock.millis() + timeout.toMillis();
    long lastReport = 0;
    while (true) {
      Map<String, ErrorAgreement> pairs = reader.latestByKey(connection.topics().errorAgreement());
      Map<String, ModelAccuracy> accuracy = reader.latestByKey(connection.topics().modelAccuracy());
      long pairsDone = sharedByPair.entrySet().stream().filter(e -> e.getValue() == 0
          || (pairs.containsKey(e.getKey()) && pairs.get(e.getKey()).getItems() == e.getValue())).count();
      long modelsDone = answeredByModel.entrySet().stream().filter(e -> e.getValue() == 0
          || (accuracy.containsKey(e.getKey()) && accuracy.get(e.getKey()).getAnswered() == e.getValue())).count();
      if (pairsDone == sharedByPair.size() && modelsDone == answeredByModel.size()) {
        progress.printf("  agreement published for all %d pairs of %d models%n", pairsDone, modelsDone);
        return;
      }
      if (clock.millis() - lastReport > 2000) {
        progress.printf("  agreement: %d of %d pairs, %d of %d models up to date%n", pairsDone, sharedByPair.size(),
            modelsDone, answeredByModel.size());
        lastReport = clock.millis();
      }
      if (clock.millis() > deadline) {
        throw new TimeoutException("the aggregator published " + pairsDone + " of " + sharedByPair.size()
            + " pairs within " + timeout + "; check its log and the mc-items-dlq / mc-answers-dlq topics");
      }
      Thread.sleep(500); // polling a remote system: there is no condition object to wait on
    }
  }
}
