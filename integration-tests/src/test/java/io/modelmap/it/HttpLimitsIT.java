package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.EmbeddedSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator's public port cannot be exhausted (issue 26, finding 5), on the embedded default with
 * real loopback sockets: half-open connections neither take a thread each nor stay open, an address
 * holds only its share of the event streams and a departed client's places are free within seconds,
 * and bad parameters are a 400 of one JSON line.
 */
class HttpLimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  static EmbeddedSystem system;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    system = EmbeddedSystem.start(dir.resolve("system"), new PrintStream(OutputStream.nullOutputStream()), 0);
    port = URI.create(system.dashboardUrl()).getPort();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/health").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status of a new event stream from {@code from}; the stream stays open in {@code held} when it is 200. */
  private static int openStream(String from, List<Socket> held) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    StringBuilder statusLine = new StringBuilder();
    InputStream in = socket.getInputStream();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      statusLine.append((char) c);
    }
    int status = Integer.parseInt(statusLine.toString().split(" ")[1]);
    if (status == 200) {
      held.add(socket);
    } else {
      socket.close();
    }
    return status;
  }

  private static void closeAll(List<Socket> sockets) throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  @Test
  void aThousandHalfOpenConnectionsTakeNoThreadEachAndAreClosed() throws Exception {
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    List<Socket> halfOpen = new ArrayList<>();
    try {
      for (int i = 0; i < 1000; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        // a request line and one header, then nothing: the server waits for the rest
        socket.getOutputStream().write("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        halfOpen.add(socket);
      }
      await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      assertThat(threadsAfter - threadsBefore).as("threads started for 1,000 half-open connections").isLessThan(100);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (Socket socket : halfOpen) {
        assertThat(closedBy(socket, deadline)).as("closed by the server within 30 s").isTrue();
      }
    } finally {
      closeAll(halfOpen);
    }
    assertThat(get("/health").statusCode()).as("serving as before").isEqualTo(200);
  }

  /** Whether the server closes the connection before {@code deadline} (end of stream or reset). */
  private static boolean closedBy(Socket socket, long deadline) throws IOException {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    socket.setSoTimeout((int) left);
    try {
      while (socket.getInputStream().read() != -1) {
        // a 408, if the server says why
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void oneAddressCannotHoldEveryEventStream() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      int status = 200;
      while (status == 200 && held.size() <= 64) {
        status = openStream("127.0.0.1", held);
      }
      assertThat(held.size()).as("streams one address holds").isLessThan(64);
      assertThat(status).isEqualTo(429);
      assertThat(openStream("127.0.0.2", held)).as("another address").isEqualTo(200);
    } finally {
      closeAll(held);
    }
  }

  @Test
  void aDepartedEventStreamClientsPlacesAreFreeWithinAFewSeconds() throws Exception {
    List<Socket> held = new ArrayList<>();
    int status = 200;
    while (status == 200 && held.size() <= 64) {
      status = openStream("127.0.0.3", held);
    }
    assertThat(status).as("refused once its places are taken").isNotEqualTo(200);
    long left = System.nanoTime();
    closeAll(held); // the client goes away without a word
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> openStream("127.0.0.3", held) == 200);
    closeAll(held);
    assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void badParametersAre400WithOneJsonLineAndNoStackTrace() throws Exception {
    for (String path : List.of("/api/lineage?k=-5", "/api/lineage?k=abc", "/api/lineage?k=99999999999",
        "/api/kl-matrix?max=1", "/api/kl-matrix?max=301", "/api/route?question=x&max=0")) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(400);
      assertThat(answer.body()).as(path).doesNotContain("\n", "Exception", "\tat ");
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.size()).as(path).isEqualTo(1);
      assertThat(body.get("error").asText()).as(path).isNotBlank();
    }
  }
}
