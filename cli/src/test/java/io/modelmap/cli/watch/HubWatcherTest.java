package io.modelmap.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubSettings;
import io.modelmap.hub.RetryPolicy;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.ListingCard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against the Hub stand-in over loopback HTTP, its decisions kept in a map as the compacted
 * {@code hub-decisions} topic keeps them (latest per key): what is registered, in which order, what is skipped and
 * why, and what a restart from the stored decisions does.
 */
class HubWatcherTest {
  private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path dir;
  private HubStandIn hub;
  private HubClient client;
  private final Map<String, HubDecision> topic = new LinkedHashMap<>();
  private final List<String> registered = new ArrayList<>();
  // the watcher starts before the models are pushed: a first start decides what is pushed from then on
  private Instant now = DAY;

  @BeforeEach
  void start() throws Exception {
    hub = HubStandIn.start();
    client = HubClient.builder(new HubSettings(dir, dir.resolve("hub"), hub.endpoint(), Optional.empty(), false))
        .optRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5))).build();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private String push(String id, ListingCard card, String modelType, int minute) {
    byte[] config = ("{\"model_type\": \"" + modelType + "\", \"v\": " + minute + "}").getBytes(StandardCharsets.UTF_8);
    return hub.repo(id).list(card).pushAt(Map.of("config.json", config), DAY.plus(Duration.ofMinutes(minute)));
  }

  private HubWatcher watcher(String... ruleLines) throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), "corpus: docs\n" + String.join("\n", ruleLines) + "\n");
    WatchRules rules = RulesFile.read(file, List.of("gpt2", "llama"));
    // a restart: the state is only what the topic holds
    return new HubWatcher(client.listing(), client::modelType, rules, false, WatchState.of(topic),
        model -> {
          registered.add(model.id() + "@" + model.commit());
          return model.id();
        }, topic::put, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** Pushes org/m001 … org/m{count}, a minute apart; answers their ids in push order. */
  private List<String> pushOnePerMinute(int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int minute = 1; minute <= count; minute++) {
      String id = String.format("org/m%03d", minute);
      push(id, ListingCard.textGeneration(10, "mit"), "llama", minute);
      ids.add(id);
    }
    return ids;
  }

  @Test
  void shouldRegisterModelsAppearingOverTimeOnceEachInTheOrderTheyWerePushed() throws Exception {
    String b = push("org/b", ListingCard.textGeneration(10, "mit"), "llama", 2);
    String a = push("org/a", ListingCard.textGeneration(10, "mit"), "gpt2", 1);
    HubWatcher watcher = watcher();

    HubWatcher.Poll first = watcher.poll();
    String c = push("org/c", ListingCard.textGeneration(10, "mit"), "llama", 3);
    HubWatcher.Poll second = watcher.poll();
    HubWatcher.Poll third = watcher.poll();

    assertThat(first.decisions()).extracting(HubDecision::getRepo).containsExactly("org/a", "org/b");
    assertThat(second.decisions()).extracting(HubDecision::getRepo).containsExactly("org/c");
    assertThat(third.decisions()).isEmpty();
    assertThat(registered).containsExactly("org/a@" + a, "org/b@" + b, "org/c@" + c);
    assertThat(topic).containsOnlyKeys("org/a@" + a, "org/b@" + b, "org/c@" + c);
    assertThat(topic.get("org/c@" + c).getDecision()).isEqualTo(HubDecisionKind.REGISTERED);
    assertThat(topic.get("org/c@" + c).getModelId()).isEqualTo("org/c");
    assertThat(topic.get("org/c@" + c).getCorpusId()).isEqualTo("docs");
    assertThat(topic.get("org/c@" + c).getLastModifiedMs()).isEqualTo(DAY.plusSeconds(180).toEpochMilli());
  }

  @Test
  void shouldSkipWhatTheRulesSkipWithTheRuleAndReasonOnTheTopic() throws Exception {
    String big = push("org/big", ListingCard.textGeneration(5000, "mit"), "llama", 1);
    String mamba = push("org/mamba", ListingCard.textGeneration(10, "mit"), "mamba", 2);
    String ok = push("org/ok", ListingCard.textGeneration(10, "mit"), "llama", 3);
    push("org/masked", ListingCard.textGeneration(10, "mit").withPipelineTag("fill-mask"), "llama", 4);

    watcher("max-parameters: 1000").poll();

    assertThat(registered).containsExactly("org/ok@" + ok);
    HubDecision skippedBig = topic.get("org/big@" + big);
    assertThat(skippedBig.getDecision()).isEqualTo(HubDecisionKind.SKIPPED);
    assertThat(skippedBig.getRule()).isEqualTo("max-parameters");
    assertThat(skippedBig.getReason()).isEqualTo("5000 parameters, more than 1000");
    assertThat(skippedBig.getModelId()).isNull();
    assertThat(topic.get("org/mamba@" + mamba).getReason()).isEqualTo("model_type mamba is not in architectures");
    // the listing asks for text-generation only: a fill-mask model is never seen, so never decided
    assertThat(topic).hasSize(3);
  }

  @Test
  void shouldRegisterANewCommitOfAModelAlreadyRegistered() throws Exception {
    String first = push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 1);
    watcher().poll();
    String second = push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 5);

    HubWatcher.Poll poll = watcher().poll();

    assertThat(second).isNotEqualTo(first);
    assertThat(poll.decisions()).extracting(HubDecision::getCommit).containsExactly(second);
    assertThat(registered).containsExactly("org/a@" + first, "org/a@" + second);
  }

  @Test
  void shouldNeitherRepeatNorSkipAfterARestartFromTheStoredDecisions() throws Exception {
    String a = push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 1);
    String b = push("org/b", ListingCard.textGeneration(10, "mit"), "llama", 2);
    watcher().poll();
    String c = push("org/c", ListingCard.textGeneration(10, "mit"), "llama", 3);
    hub.clearRequests();

    HubWatcher.Poll afterRestart = watcher().poll();

    assertThat(afterRestart.decisions()).extracting(HubDecision::getRepo).containsExactly("org/c");
    assertThat(registered).containsExactly("org/a@" + a, "org/b@" + b, "org/c@" + c);
    // the decided models' config.json is not read again: only org/c's
    assertThat(hub.count("GET", p -> p.contains("/resolve/"))).isEqualTo(1);
  }

  /** The README's cost per hour: a quiet look is one listing request, a new model one config.json more. */
  @Test
  void shouldAskTheHubOnceForAQuietLookAndOnceMorePerNewModel() throws Exception {
    push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 1);
    push("org/b", ListingCard.textGeneration(10, "mit"), "llama", 2);
    push("org/c", ListingCard.textGeneration(10, "mit"), "llama", 3);
    HubWatcher watcher = watcher();
    hub.clearRequests();

    watcher.poll();
    List<HubStandIn.Request> busy = hub.requests();
    hub.clearRequests();
    watcher.poll();
    List<HubStandIn.Request> quiet = hub.requests();

    // 1 listing page (3 models < 100 a page) + 3 config.json
    assertThat(busy).extracting(r -> r.method() + " " + (r.path().contains("/resolve/") ? "resolve" : r.path()))
        .containsExactlyInAnyOrder("GET /api/models", "GET resolve", "GET resolve", "GET resolve");
    assertThat(quiet).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /api/models");
  }

  @Test
  void shouldNeitherRepeatNorSkipWhenStoppedMidPageOfAListingTwoPagesLong() throws Exception {
    int count = HubWatcher.PAGE_SIZE + 20;
    List<String> expected = new ArrayList<>();
    for (int minute = 1; minute <= count; minute++) {
      String id = String.format("org/m%03d", minute);
      expected.add(id + "@" + push(id, ListingCard.textGeneration(10, "mit"), "llama", minute));
    }
    String rules = "models-per-hour: 1000";
    HubWatcher crashing = new HubWatcher(client.listing(), client::modelType, RulesFile.read(Files.writeString(
        dir.resolve("crash.yaml"), "corpus: docs\n" + rules + "\n"), List.of("llama")), false, WatchState.of(topic),
        model -> {
          if (registered.size() == 60) {
            throw new IllegalStateException("killed"); // the process dies before its 61st registration
          }
          registered.add(model.id() + "@" + model.commit());
          return model.id();
        }, topic::put, Clock.fixed(now, ZoneOffset.UTC));
    org.assertj.core.api.Assertions.assertThatThrownBy(crashing::poll).hasMessage("killed");

    HubWatcher.Poll afterRestart = watcher(rules).poll();

    assertThat(afterRestart.decisions()).hasSize(count - 60);
    assertThat(registered).containsExactlyElementsOf(expected);
    assertThat(topic).hasSize(count);
    // the first look reads both pages (no position yet); after the restart the position is m060's push, and the
    // first page (m120 down to m021) already reaches past it: one page
    assertThat(hub.count("GET", "/api/models"::equals)).as("listing pages read").isEqualTo(3);
  }

  @Test
  void shouldLeaveModelsOverTheRateLimitForALaterHour() throws Exception {
    push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 1);
    push("org/b", ListingCard.textGeneration(10, "mit"), "llama", 2);
    push("org/c", ListingCard.textGeneration(10, "mit"), "llama", 3);

    HubWatcher.Poll limited = watcher("models-per-hour: 2").poll();
    HubWatcher.Poll sameHour = watcher("models-per-hour: 2").poll();
    now = now.plus(Duration.ofMinutes(61));
    HubWatcher.Poll nextHour = watcher("models-per-hour: 2").poll();

    assertThat(limited.decisions()).extracting(HubDecision::getRepo).containsExactly("org/a", "org/b");
    assertThat(limited.waiting()).isEqualTo(1);
    assertThat(sameHour.decisions()).isEmpty();
    assertThat(sameHour.waiting()).isEqualTo(1);
    assertThat(nextHour.decisions()).extracting(HubDecision::getRepo).containsExactly("org/c");
    assertThat(nextHour.waiting()).isZero();
  }

  @Test
  void shouldNotConsiderModelsPushedBeforeSince() throws Exception {
    push("org/old", ListingCard.textGeneration(10, "mit"), "llama", 1);
    String fresh = push("org/new", ListingCard.textGeneration(10, "mit"), "llama", 10);

    watcher("since: " + DAY.plus(Duration.ofMinutes(5))).poll();

    assertThat(registered).containsExactly("org/new@" + fresh);
  }

  @Test
  void shouldNotWalkTheWholeHubOnAFirstStartButOnlyWhatIsPushedAfterIt() throws Exception {
    push("org/before", ListingCard.textGeneration(10, "mit"), "llama", 1);
    now = DAY.plus(Duration.ofMinutes(5));
    HubWatcher watcher = watcher();
    String after = push("org/after", ListingCard.textGeneration(10, "mit"), "llama", 10);

    HubWatcher.Poll poll = watcher.poll();

    assertThat(poll.decisions()).extracting(HubDecision::getRepo).containsExactly("org/after");
    assertThat(registered).containsExactly("org/after@" + after);
  }

  @Test
  void shouldGoOnFromTheStoredFirstStartWhenRestartedBeforeAnyDecision() throws Exception {
    HubWatcher first = watcher(); // starts at DAY, as watch-hub does: its start stored before the first look
    WatchState.of(topic).recordStart(now, Optional.empty()).ifPresent(s -> topic.put(WatchState.STARTED_KEY, s));
    assertThat(first.poll().decisions()).isEmpty();
    String between = push("org/between", ListingCard.textGeneration(10, "mit"), "llama", 1);
    now = DAY.plus(Duration.ofMinutes(5)); // restarted after the push, before any decision

    WatchState restored = WatchState.of(topic);
    assertThat(restored.recordStart(now, Optional.empty())).as("a second start stores nothing").isEmpty();
    HubWatcher.Poll afterRestart = watcher().poll();
    HubWatcher.Poll again = watcher().poll();

    // without the stored start the restart would read back to DAY + 5 min only and never see org/between (DAY + 1)
    assertThat(afterRestart.decisions()).extracting(HubDecision::getRepo).containsExactly("org/between");
    assertThat(again.decisions()).isEmpty();
    assertThat(registered).containsExactly("org/between@" + between);
    assertThat(topic.get(WatchState.STARTED_KEY).getLastModifiedMs()).isEqualTo(DAY.toEpochMilli());
  }

  @Test
  void shouldReadAtMostThePageLimitInALookAndGoOnFromThereAtTheNextLook() throws Exception {
    int count = HubWatcher.PAGE_SIZE + 50; // two pages, newest first: m150..m051, then m050..m001
    List<String> ids = pushOnePerMinute(count);
    Path file = Files.writeString(dir.resolve("rules.yaml"), "corpus: docs\nmodels-per-hour: 1000\n");
    HubWatcher watcher = new HubWatcher(client.listing(), client::modelType, RulesFile.read(file, List.of("llama")),
        false, WatchState.of(topic), model -> model.id(), topic::put, Clock.fixed(now, ZoneOffset.UTC),
        new LookLimit(1));

    HubWatcher.Poll first = watcher.poll();
    long firstPages = hub.count("GET", "/api/models"::equals);
    HubWatcher.Poll second = watcher.poll();
    long secondPages = hub.count("GET", "/api/models"::equals) - firstPages;
    HubWatcher.Poll third = watcher.poll();

    assertThat(firstPages).as("pages the first look read").isEqualTo(1);
    assertThat(first.pagesLeft()).isTrue();
    // nothing is decided before the walk reaches the position: deciding m051..m150 first would move the position
    // past m001..m050, which a restart between the looks would then never read
    assertThat(first.decisions()).isEmpty();
    assertThat(secondPages).as("pages the second look read").isEqualTo(1);
    assertThat(second.pagesLeft()).isFalse();
    assertThat(second.decisions()).extracting(HubDecision::getRepo).containsExactlyElementsOf(ids);
    assertThat(third.decisions()).isEmpty();
    assertThat(topic).hasSize(count);
  }

  @Test
  void shouldNeitherSkipNorRepeatWhenRestartedBetweenTheLooksOfACutWalk() throws Exception {
    int count = HubWatcher.PAGE_SIZE + 50; // two pages, newest first: m150..m051, then m050..m001
    List<String> ids = pushOnePerMinute(count);
    Path file = Files.writeString(dir.resolve("rules.yaml"),
        "corpus: docs\nmodels-per-hour: 1000\nsince: " + DAY + "\n");
    HubWatcher beforeRestart = new HubWatcher(client.listing(), client::modelType,
        RulesFile.read(file, List.of("llama")), false, WatchState.of(topic), model -> model.id(), topic::put,
        Clock.fixed(now, ZoneOffset.UTC), new LookLimit(1));
    beforeRestart.poll(); // reads m150..m051 and is stopped before its next look

    HubWatcher afterRestart = new HubWatcher(client.listing(), client::modelType,
        RulesFile.read(file, List.of("llama")), false, WatchState.of(topic), model -> model.id(), topic::put,
        Clock.fixed(now, ZoneOffset.UTC), new LookLimit(1));
    List<String> decided = new ArrayList<>();
    for (int look = 0; look < 3; look++) {
      afterRestart.poll().decisions().forEach(d -> decided.add(d.getRepo()));
    }

    assertThat(decided).containsExactlyElementsOf(ids);
    assertThat(topic).hasSize(count);
  }

  @Test
  void shouldStopALookWhoseNextLinkPointsAtAPageAlreadyFollowedDecidingItsModelsOnce() throws Exception {
    String a = push("org/a", ListingCard.textGeneration(10, "mit"), "llama", 1);
    String b = push("org/b", ListingCard.textGeneration(10, "mit"), "llama", 2);
    hub.listingLinksToItself();
    HubWatcher watcher = watcher();

    HubWatcher.Poll first = watcher.poll();
    HubWatcher.Poll second = watcher.poll();

    assertThat(first.fault()).hasValueSatisfying(f -> assertThat(f).contains("/api/models?").contains("second time"));
    assertThat(first.decisions()).extracting(HubDecision::getRepo).containsExactly("org/a", "org/b");
    assertThat(second.decisions()).isEmpty();
    assertThat(registered).containsExactly("org/a@" + a, "org/b@" + b);
    // the first look: the first page, its next link (the same page) followed once, then refused; the second look
    // reaches the stored position (org/b) on its first page and follows no link
    assertThat(hub.count("GET", "/api/models"::equals)).isEqualTo(3);
  }
}
