package io.modelmap.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a new connection that has not delivered a whole request (line and headers) within the read
 * timeout. The idle timeout alone would let a client that sends a byte now and then hold a connection
 * for ever; this bounds the first request of every connection, which is where such clients stop.
 */
final class ReadDeadline implements Connection.Listener {
  private final Scheduler scheduler;
  private final long timeoutMillis;

  ReadDeadline(Scheduler scheduler, Duration timeout) {
    this.scheduler = scheduler;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    scheduler.schedule(() -> {
      // getMessagesIn counts requests whose headers were read completely
      if (connection.getEndPoint().isOpen() && connection.getMessagesIn() == 0) {
        connection.getEndPoint().close();
      }
    }, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onClosed(Connection connection) {
    // the scheduled check finds the connection closed
  }
}
