package io.modelmap.cli.runtime;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code --serve}: keeps the embedded default running until Ctrl-C. */
public final class Serving {
  private Serving() {}

  public static void untilInterrupted(EmbeddedSystem system, PrintStream out) throws InterruptedException {
    out.println("Serving: dashboard " + system.dashboardUrl() + ", bootstrap " + system.connection().bootstrapServers()
        + ", schema registry " + system.connection().schemaRegistryUrl() + ". Ctrl-C to stop.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    stop.await();
  }
}
