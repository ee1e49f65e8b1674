package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link Access#TOKEN} stream over real loopback HTTP, as a browser's EventSource reaches it: 401
 * without the token or a ticket, 200 with a ticket got with the token, 401 with one expired,
 * forged, used or issued for another path; the token itself is never a ticket.
 */
class TicketRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final BearerToken TOKEN = new BearerToken("0123456789abcdef-token");
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    StreamTickets tickets = StreamTickets.of(Optional.of(TOKEN));
    server = HttpServer.start("tickets", new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        ServerLimits.defaults(), Optional.of(TOKEN)), ErrorStyle.errorField(), new RouteTable()
        .get("/events/ticket", Access.TOKEN, ctx -> ctx.json(tickets.issue("/events")))
        .get("/other/ticket", Access.TOKEN, ctx -> ctx.json(tickets.issue("/other")))
        .get("/data", Access.TOKEN, ctx -> ctx.result("data"))
        .stream("/events", Access.TOKEN, ctx -> ctx.contentType("text/event-stream").result("event: connected\n\n")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (withToken) {
      request.header("Authorization", TOKEN.authorization());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String ticket(String ticketPath) throws Exception {
    HttpResponse<String> answer = send("GET", ticketPath, true);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(answer.body());
    assertThat(body.get("expiresInSeconds").asLong()).isEqualTo(60);
    return body.get("ticket").asText();
  }

  private int stream(String ticket) throws Exception {
    return send("GET", "/events?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8), false).statusCode();
  }

  @Test
  void shouldOpenTheStreamWithTheTokenOrAFreshTicketOnly() throws Exception {
    assertThat(send("GET", "/events", false).statusCode()).as("neither").isEqualTo(401);
    assertThat(send("GET", "/events", true).statusCode()).as("the header").isEqualTo(200);
    assertThat(send("GET", "/events/ticket", false).statusCode()).as("a ticket needs the token").isEqualTo(401);

    String ticket = ticket("/events/ticket");
    HttpResponse<String> opened = send("GET", "/events?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8),
        false);

    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo("event: connected\n\n");
    assertThat(stream(ticket)).as("used once already").isEqualTo(401);
  }

  @Test
  void shouldRefuseAnExpiredForgedOrMisdirectedTicket() throws Exception {
    Clock twoMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));
    String expired = new StreamTickets(TOKEN, twoMinutesAgo).issue("/events").ticket();
    String fresh = ticket("/events/ticket");
    String forged = fresh.substring(0, fresh.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    String otherToken = new StreamTickets(new BearerToken("another-token-0123456789"), Clock.systemUTC())
        .issue("/events").ticket();

    assertThat(stream(expired)).as("expired").isEqualTo(401);
    assertThat(stream(forged)).as("forged").isEqualTo(401);
    assertThat(stream(otherToken)).as("another token's").isEqualTo(401);
    assertThat(stream(ticket("/other/ticket"))).as("for another path").isEqualTo(401);
    assertThat(stream(TOKEN.value())).as("the token in a URL is no ticket").isEqualTo(401);
    assertThat(send("GET", "/data?ticket=" + URLEncoder.encode(ticket("/events/ticket"), StandardCharsets.UTF_8),
        false).statusCode()).as("a ticket opens streams only").isEqualTo(401);
    assertThat(stream(fresh)).as("the genuine ticket still").isEqualTo(200);
  }
}
