package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared server over real sockets on loopback: its limits, its errors and its token. */
class HttpServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BearerToken TOKEN = new BearerToken("0123456789abcdef-token");
  private static final ServerLimits SHORT = new ServerLimits(4, 16, Duration.ofSeconds(5), Duration.ofSeconds(1),
      Duration.ofSeconds(2), 2048);

  private static HttpServer start(String name, ServerLimits limits, Optional<BearerToken> token, RouteTable table)
      throws java.net.BindException {
    return HttpServer.start(name, new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits,
        token), ErrorStyle.errorField(), table);
  }

  private static RouteTable table() {
    return new RouteTable()
        .get("/hello", Access.OPEN, ctx -> ctx.result("hello"))
        .get("/data", Access.TOKEN, ctx -> ctx.json(List.of(1, 2)))
        .get("/refused", Access.OPEN, ctx -> {
          throw new HttpError(400, "k must be at least 1, was -5");
        })
        .get("/broken", Access.OPEN, ctx -> {
          throw new IllegalStateException("secret detail\n\tat io.modelmap.Internal.method(Internal.java:1)");
        });
  }

  private static HttpResponse<String> get(HttpServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && !t.getName().contains("timer")).count();
  }

  /** A connection that sent the start of a request and then nothing more. */
  private static Socket halfOpen(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** Whether the server closed the connection within {@code within} (a read sees end of stream or a reset). */
  private static boolean closedWithin(Socket socket, Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    InputStream in = socket.getInputStream();
    try {
      while (in.read() != -1) {
        // whatever the server wrote before closing
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Test
  void shouldHoldAThousandHalfOpenConnectionsWithoutAThreadEachAndCloseThemAtTheReadTimeout() throws Exception {
    try (HttpServer server = start("halfopen", SHORT, Optional.empty(), table())) {
      List<Socket> sockets = new ArrayList<>();
      try {
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
          sockets.add(halfOpen(server.port()));
        }
        assertThat(threadsNamed("halfopen-http")).as("threads of the pool").isLessThanOrEqualTo(SHORT.poolThreads());
        for (Socket socket : sockets) {
          assertThat(closedWithin(socket, Duration.ofSeconds(5))).as("closed by the server").isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      assertThat(get(server, "/hello").body()).as("still serving").isEqualTo("hello");
    }
  }

  @Test
  void shouldCloseAConnectionThatTricklesItsHeadersPastTheReadTimeout() throws Exception {
    ServerLimits limits = new ServerLimits(4, 16, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 16);
    try (HttpServer server = start("trickle", limits, Optional.empty(), table());
        Socket socket = halfOpen(server.port())) {
      long started = System.nanoTime();
      boolean closed = false;
      // one header byte every 200 ms keeps the connection busy, so only the read deadline can end it
      for (int i = 0; i < 50 && !closed; i++) {
        try {
          socket.getOutputStream().write('X');
          socket.getOutputStream().flush();
          closed = closedWithin(socket, Duration.ofMillis(200));
        } catch (IOException e) {
          closed = true;
        }
      }
      assertThat(closed).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void shouldCloseAnIdleConnectionAfterItsRequestAtTheIdleTimeout() throws Exception {
    try (HttpServer server = start("idle", SHORT, Optional.empty(), table());
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      assertThat(closedWithin(socket, Duration.ofSeconds(6))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }
  }

  @Test
  void shouldHandleAtMostItsThreadsAtOnceQueueSomeAndRefuseTheRestWith503() throws Exception {
    ServerLimits limits = new ServerLimits(2, 3, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 64);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    RouteTable table = new RouteTable().get("/slow", Access.OPEN, ctx -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      release.await(10, TimeUnit.SECONDS);
      running.decrementAndGet();
      ctx.result("done");
    });
    try (HttpServer server = start("bounded", limits, Optional.empty(), table)) {
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        answers.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slow"))
            .build(), HttpResponse.BodyHandlers.ofString()));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> answers.stream().filter(CompletableFuture::isDone).count() == 7);
      assertThat(running.get()).isEqualTo(2);
      assertThat(threadsNamed("bounded-http")).isLessThanOrEqualTo(limits.poolThreads());
      release.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        statuses.add(answer.get(10, TimeUnit.SECONDS).statusCode());
      }
      assertThat(statuses).as("2 handled, 3 queued, 7 refused").filteredOn(s -> s == 200).hasSize(5);
      assertThat(statuses).filteredOn(s -> s == 503).hasSize(7);
      assertThat(most.get()).isEqualTo(2);
    }
  }

  @Test
  void shouldAnswerARequestThatWaitedPastTheQueueTimeoutWith503() throws Exception {
    ServerLimits limits = new ServerLimits(1, 8, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30), 64);
    CountDownLatch release = new CountDownLatch(1);
    RouteTable table = new RouteTable().get("/slow", Access.OPEN, ctx -> {
      release.await(10, TimeUnit.SECONDS);
      ctx.result("done");
    });
    try (HttpServer server = start("waited", limits, Optional.empty(), table)) {
      CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
      await().pollDelay(Duration.ofMillis(200)).until(() -> true);
      HttpResponse<String> second = get(server, "/slow");
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.headers().firstValue("Content-Type")).hasValue("application/json");
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseATakenPortWithTheJdksBindException() throws Exception {
    try (HttpServer first = start("first", SHORT, Optional.empty(), table())) {
      ServerSettings same = new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.port()),
          SHORT, Optional.empty());
      assertThatThrownBy(() -> HttpServer.start("second", same, ErrorStyle.errorField(), table()))
          .isInstanceOf(java.net.BindException.class).hasMessageContaining(String.valueOf(first.port()));
      assertThat(get(first, "/hello").body()).as("the first still serves").isEqualTo("hello");
    }
  }

  @Test
  void shouldAnswerAnHttpErrorWithItsStatusAndOneJsonLine() throws Exception {
    try (HttpServer server = start("errors", SHORT, Optional.empty(), table())) {
      HttpResponse<String> refused = get(server, "/refused");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(refused.body()).isEqualTo("{\"error\":\"k must be at least 1, was -5\"}");
    }
  }

  @Test
  void shouldAnswerAFailingHandlerWith500AndNothingOfTheException() throws Exception {
    try (HttpServer server = start("failures", SHORT, Optional.empty(), table())) {
      HttpResponse<String> broken = get(server, "/broken");
      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(broken.body()).doesNotContain("secret detail", "\tat ", "Internal.java").doesNotContain("\n");
      assertThat(JSON.readTree(broken.body()).get("error").asText()).contains("log");
    }
  }

  @Test
  void shouldAnswerUnknownPathsAndUnparsableRequestsAsJson() throws Exception {
    try (HttpServer server = start("unknown", SHORT, Optional.empty(), table())) {
      HttpResponse<String> missing = get(server, "/nothing/here");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("no endpoint /nothing/here");
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
            .doesNotContain("<html");
      }
    }
  }

  @Test
  void shouldAskForTheTokenOnTokenRoutesOnly() throws Exception {
    try (HttpServer server = start("token", SHORT, Optional.of(TOKEN), table())) {
      HttpResponse<String> without = get(server, "/data");
      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(without.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(without.body()).doesNotContain(TOKEN.value());
      assertThat(get(server, "/data", "Authorization", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
      assertThat(get(server, "/data", "Authorization", TOKEN.authorization()).body()).isEqualTo("[1,2]");
      assertThat(get(server, "/hello").statusCode()).as("an open route").isEqualTo(200);
    }
    try (HttpServer server = start("notoken", SHORT, Optional.empty(), table())) {
      assertThat(get(server, "/data").statusCode()).as("no token configured").isEqualTo(200);
    }
  }
}
