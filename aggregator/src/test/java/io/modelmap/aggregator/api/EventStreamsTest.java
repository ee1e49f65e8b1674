package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.http.Access;
import io.modelmap.http.ErrorStyle;
import io.modelmap.http.HttpServer;
import io.modelmap.http.RouteTable;
import io.modelmap.http.ServerLimits;
import io.modelmap.http.ServerSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/events} over real loopback sockets: places per address, release when a client leaves, delivery. */
class EventStreamsTest {
  private static final ServerLimits FEW_THREADS = new ServerLimits(2, 16, Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(30), 256);

  @TempDir
  Path dir;
  private UpdateBroadcaster updates;
  private EventStreams streams;
  private HttpServer server;
  private final List<Socket> clients = new ArrayList<>();

  private void serve(EventStreamLimits limits) throws IOException {
    // the broadcaster's consumer never runs here: the test publishes into it
    updates = new UpdateBroadcaster(KafkaConnection.of("127.0.0.1:1", "mock://"), TopicNames.defaults());
    streams = new EventStreams(updates, limits);
    server = HttpServer.start("events", new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        FEW_THREADS, Optional.empty()), ErrorStyle.errorField(), new RouteTable()
            .stream("/api/events", Access.OPEN, streams)
            .get("/ping", Access.OPEN, ctx -> ctx.result("pong")));
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    streams.close(); // ends the asynchronous requests before their server stops, as QueryApi does
    server.close();
    updates.close();
  }

  /** A stream opened from {@code from} (any 127/8 address), as the JDK's client asks: no Accept header. */
  private Stream open(String from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    socket.setSoTimeout(5000);
    clients.add(socket);
    socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    int status = Integer.parseInt(reader.readLine().split(" ")[1]);
    List<String> headers = new ArrayList<>();
    for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
      headers.add(line.toLowerCase());
    }
    return new Stream(socket, reader, status, headers);
  }

  private record Stream(Socket socket, BufferedReader reader, int status, List<String> headers) {
    /** The next {@code data:} line within 10 s (heartbeats keep the socket busy), else null. */
    String nextData() throws IOException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      for (String line = reader.readLine(); line != null && System.nanoTime() < deadline; line = reader.readLine()) {
        if (line.startsWith("data: ")) {
          return line.substring(6);
        }
      }
      return null;
    }
  }

  @Test
  void shouldStreamEachUpdateAsAnUpdateEvent() throws Exception {
    serve(EventStreamLimits.defaults());
    Stream stream = open("127.0.0.1");
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.headers()).contains("content-type: text/event-stream");
    updates.publish("model-registered", "acme/m-a");
    assertThat(stream.nextData()).isEqualTo("{\"topic\":\"model-registered\",\"key\":\"acme/m-a\"}");
  }

  @Test
  void shouldRefuseAnAddressPastItsShareButNotTheOthers() throws Exception {
    serve(new EventStreamLimits(3, Duration.ofSeconds(1)));
    for (int i = 0; i < 3; i++) {
      assertThat(open("127.0.0.1").status()).isEqualTo(200);
    }
    assertThat(open("127.0.0.1").status()).as("a fourth stream from the same address").isEqualTo(429);
    assertThat(open("127.0.0.2").status()).as("another address").isEqualTo(200);
  }

  @Test
  void shouldFreeTheSharesOfAClientThatLeftWithinTwoHeartbeats() throws Exception {
    serve(new EventStreamLimits(4, Duration.ofSeconds(1)));
    List<Stream> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(open("127.0.0.1"));
    }
    assertThat(open("127.0.0.1").status()).isEqualTo(429);
    long left = System.nanoTime();
    for (Stream stream : held) {
      stream.socket().close(); // the client goes away without a word
    }
    await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> streams.open() == 0);
    Duration freed = Duration.ofNanos(System.nanoTime() - left);
    assertThat(freed).as("places held after the client left").isLessThan(Duration.ofMillis(3500));
    for (int i = 0; i < 4; i++) {
      assertThat(open("127.0.0.1").status()).isEqualTo(200);
    }
  }

  @Test
  void shouldHoldNoRequestThreadPerStream() throws Exception {
    serve(new EventStreamLimits(UpdateBroadcaster.MAX_SUBSCRIBERS, Duration.ofSeconds(1)));
    for (int i = 0; i < 40; i++) {
      assertThat(open("127.0.0.1").status()).isEqualTo(200);
    }
    HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ping.body()).as("40 streams on a server of 2 requests at once").isEqualTo("pong");
    assertThat(Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("events-http") && !t.getName().contains("timer"))).hasSizeLessThanOrEqualTo(8);
  }
}
