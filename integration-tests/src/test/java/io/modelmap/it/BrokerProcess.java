package io.modelmap.it;

import io.modelmap.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;

/**
 * A real Kafka broker (KRaft, one node) as a process of its own, so that a test can kill it with SIGKILL:
 * {@code BrokerProcess <log folder> <broker port> <controller port>}. Started again on the same folder and
 * ports it is the same cluster at the same address, recovering its log as after any crash.
 */
public final class BrokerProcess {
  /** The line printed once the broker accepts connections. */
  static final String STARTED = "broker process started";

  private BrokerProcess() {}

  public static void main(String[] args) throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
        Integer.parseInt(args[2]));
    System.out.println(STARTED + " on " + broker.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join(); // until killed
  }
}
