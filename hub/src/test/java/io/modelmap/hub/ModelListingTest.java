package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hubstandin.ListingCard;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The listing client against the stand-in's {@code /api/models} over loopback HTTP. */
class ModelListingTest extends StandInHubTest {
  private static final ListingQuery TEXT_GENERATION = new ListingQuery(Optional.of("text-generation"),
      Optional.empty(), Optional.empty(), ListingQuery.Sort.CREATED_AT, 2);

  private String push(String id, ListingCard card, String day) {
    return hub.repo(id).list(card).pushAt(Map.of("config.json", id.getBytes()), Instant.parse(day + "T00:00:00Z"));
  }

  @Test
  void shouldReadEveryPageNewestFirstFollowingTheLinkHeader() {
    String first = push("a/one", ListingCard.textGeneration(10, "mit"), "2026-01-01");
    push("a/two", ListingCard.textGeneration(20, "mit"), "2026-01-02");
    push("b/three", ListingCard.textGeneration(30, "apache-2.0").asGated(), "2026-01-03");
    push("b/mask", ListingCard.textGeneration(40, "mit").withPipelineTag("fill-mask"), "2026-01-04");

    ModelListing listing = client().listing();
    ListingPage page1 = listing.first(TEXT_GENERATION);
    ListingPage page2 = listing.page(page1.next().orElseThrow());

    assertThat(page1.models()).extracting(ListedModel::id).containsExactly("b/three", "a/two");
    assertThat(page2.models()).extracting(ListedModel::id).containsExactly("a/one");
    assertThat(page2.next()).isEmpty();
    assertThat(page1.next().orElseThrow().toString()).startsWith(hub.endpoint() + "/api/models?");
    ListedModel one = page2.models().get(0);
    assertThat(one.commit()).isEqualTo(first);
    assertThat(one.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(one.parameters()).isEqualTo(OptionalLong.of(10));
    assertThat(one.license()).contains("mit");
    assertThat(one.gated()).isFalse();
    assertThat(page1.models().get(0).gated()).isTrue();
    assertThat(page1.models().get(0).author()).isEqualTo("b");
  }

  @Test
  void shouldWaitTheRetryAfterOfA429AndThenReadThePage() {
    push("a/one", ListingCard.textGeneration(10, "mit"), "2026-01-01");
    hub.fail(429, Optional.of(Duration.ofSeconds(1)), 1);

    long start = System.nanoTime();
    ListingPage page = client().listing().first(TEXT_GENERATION);

    // FAST_RETRY's own backoff is 10 ms: only the Retry-After makes the wait a second long
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(page.models()).extracting(ListedModel::id).containsExactly("a/one");
    assertThat(hub.count("GET", "/api/models"::equals)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAListingAnswerOverTheJsonCapAsAProtocolFaultNamingUrlAndCapWithoutRetrying() {
    push("a/one", ListingCard.textGeneration(10, "mit"), "2026-01-01");
    for (boolean announced : new boolean[] {true, false}) {
      hub.clearRequests();
      hub.padListing(8 * 1024 * 1024, announced); // the JSON and 8 MiB of spaces: past the 8 MiB cap

      assertThatThrownBy(() -> client().listing().first(TEXT_GENERATION)).as("Content-Length sent: " + announced)
          .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.PROTOCOL))
          .hasMessageContaining(hub.endpoint() + "/api/models?").hasMessageContaining("8388608 bytes (8 MiB)")
          .hasMessageNotContaining("\n");
      assertThat(hub.count("GET", "/api/models"::equals)).as("tries").isEqualTo(1);
    }
  }

  @Test
  void shouldReadAListingAnswerOfSomeMebibytesUnderTheCap() {
    push("a/one", ListingCard.textGeneration(10, "mit"), "2026-01-01");
    hub.padListing(3 * 1024 * 1024, false);

    assertThat(client().listing().first(TEXT_GENERATION).models()).extracting(ListedModel::id)
        .containsExactly("a/one");
  }

  @Test
  void shouldSayInOneLineThatATokenIsRefused() {
    hub.fail(401, Optional.empty(), 1);
    assertThatThrownBy(() -> client().listing().first(TEXT_GENERATION)).isInstanceOf(HubException.class)
        .hasMessageEndingWith("answered HTTP 401: set HF_TOKEN").hasMessageNotContaining("\n");
  }

  @Test
  void shouldMoveANextLinkOntoTheConfiguredEndpoint() {
    ListingPage page = new ModelListing(null, "http://mirror.local:8080").page(null, "[]",
        "<https://huggingface.co/api/models?limit=2&cursor=abc>; rel=\"next\"");
    assertThat(page.next()).contains(URI.create("http://mirror.local:8080/api/models?limit=2&cursor=abc"));
  }

  @Test
  void shouldReadTheModelTypeOfConfigJsonAtACommit() {
    assertThat(client().modelType("org/tiny", commit)).contains("llama");
  }
}
