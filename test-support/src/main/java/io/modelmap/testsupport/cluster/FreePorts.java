package io.modelmap.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers a test starts in another process, where port 0 cannot be read back. */
public final class FreePorts {
  private FreePorts() {}

  /** A port that was free a moment ago (the OS hands out a fresh one for each call). */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
