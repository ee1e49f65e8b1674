package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A ticket opens one stream on one path within a minute, on every instance that shares the token. */
class StreamTicketsTest {
  private static final BearerToken TOKEN = new BearerToken("0123456789abcdef-token");
  private static final Instant ISSUED = Instant.parse("2026-12-07T12:00:00Z");

  private static StreamTickets at(BearerToken token, Instant now) {
    return new StreamTickets(token, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void shouldAdmitATicketOnAnotherInstanceWithTheSameTokenUntilItsMinuteEnds() {
    String ticket = at(TOKEN, ISSUED).issue("/api/events").ticket();

    assertThat(at(TOKEN, ISSUED.plusSeconds(59)).admit(ticket, "/api/events")).isTrue();
    assertThat(at(TOKEN, ISSUED.plusSeconds(60)).admit(ticket, "/api/events")).as("60 s after issue").isFalse();
  }

  @Test
  void shouldSayHowLongATicketLasts() {
    assertThat(at(TOKEN, ISSUED).issue("/api/events").expiresInSeconds()).isEqualTo(60);
  }

  @Test
  void shouldAdmitATicketOnceOnAnInstance() {
    StreamTickets tickets = at(TOKEN, ISSUED);
    String ticket = tickets.issue("/api/events").ticket();

    assertThat(tickets.admit(ticket, "/api/events")).isTrue();
    assertThat(tickets.admit(ticket, "/api/events")).as("used up").isFalse();
    assertThat(tickets.admit(tickets.issue("/api/events").ticket(), "/api/events")).as("a new one").isTrue();
  }

  @Test
  void shouldRefuseATicketForAnotherPathOrOfAnotherToken() {
    String ticket = at(TOKEN, ISSUED).issue("/api/events").ticket();

    assertThat(at(TOKEN, ISSUED).admit(ticket, "/api/models")).isFalse();
    assertThat(at(new BearerToken("another-token-0123456789"), ISSUED).admit(ticket, "/api/events")).isFalse();
  }

  @Test
  void shouldRefuseAForgedOrMalformedTicket() {
    StreamTickets tickets = at(TOKEN, ISSUED);
    String ticket = tickets.issue("/api/events").ticket();
    String[] parts = ticket.split("\\.");
    String later = (Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2];
    char last = ticket.charAt(ticket.length() - 1);
    String flipped = ticket.substring(0, ticket.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(tickets.admit(later, "/api/events")).as("expiry pushed back").isFalse();
    assertThat(tickets.admit(flipped, "/api/events")).as("signature changed").isFalse();
    for (String malformed : new String[] {null, "", ".", "..", "abc", "1.2", TOKEN.value()}) {
      assertThat(tickets.admit(malformed, "/api/events")).as("'%s'", malformed).isFalse();
    }
    assertThat(tickets.admit(ticket, "/api/events")).as("the genuine one still").isTrue();
  }

  @Test
  void shouldIssueTicketsWithoutAToken() {
    StreamTickets tickets = StreamTickets.of(Optional.empty());
    assertThat(tickets.admit(tickets.issue("/api/events").ticket(), "/api/events")).isTrue();
  }
}
