package io.modelmap.aggregator.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response stores' layouts: each value comes back as written, and a broken one fails clearly. */
class ResponseStoresTest {

  @Test
  void shouldStoreTokensAsTwoSpaceSeparatedLinesAndReadThemBack() {
    ResponsePair.Tokens tokens = new ResponsePair.Tokens(List.of("run", "fast"), List.of("running", "fast"));
    byte[] stored = ResponseStores.tokens(tokens);
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("run fast\nrunning fast");
    assertThat(ResponseStores.tokens(stored)).isEqualTo(tokens);
    ResponsePair.Tokens none = new ResponsePair.Tokens(List.of(), List.of());
    assertThat(ResponseStores.tokens(ResponseStores.tokens(none))).isEqualTo(none);
  }

  @Test
  void shouldRefuseTokensWithoutTheirSeparatingNewline() {
    assertThatThrownBy(() -> ResponseStores.tokens("run fast".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stored response tokens is unreadable: no newline between the stemmed and the plain tokens");
  }

  @Test
  void shouldStorePairSumsAsFiveLongs() {
    long[] sums = {3, 1_500_000, 900_000, 1_200_000, 450_000}; // prompts, then the four scaled sums
    byte[] stored = ResponseStores.sums(PairSums.fromLongs(sums));
    assertThat(stored).hasSize(40);
    assertThat(ResponseStores.sums(stored).toLongs()).containsExactly(sums);
  }

  @Test
  void shouldRefusePairSumsOfAnyOtherLength() {
    byte[] stored = ResponseStores.sums(PairSums.fromLongs(new long[] {1, 2, 3, 4, 5}));
    assertThatThrownBy(() -> ResponseStores.sums(Arrays.copyOf(stored, 39))).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored pair sums is unreadable: 39 bytes, 40 (five longs) or 56 (seven, with METEOR) expected");
    assertThatThrownBy(() -> ResponseStores.sums(Arrays.copyOf(stored, 48))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ResponseStores.sums(Arrays.copyOf(stored, 64))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldStorePairSumsWithMeteorAsSevenLongs() {
    long[] sums = {3, 1_500_000, 900_000, 1_200_000, 450_000, 700_000, 2}; // ..., METEOR sum, its prompts
    byte[] stored = ResponseStores.sums(PairSums.fromLongs(sums));
    assertThat(stored).hasSize(56);
    assertThat(ResponseStores.sums(stored).toLongs()).containsExactly(sums);
    assertThat(ResponseStores.sums(stored).meteorPrompts()).isEqualTo(2);
  }

  @Test
  void shouldSplitAResponseKeyIntoPromptAndModel() {
    assertThat(ResponseStores.split(ResponseStores.responseKey("p-1", "org/m"))).containsExactly("p-1", "org/m");
    assertThat(ResponseStores.responseKey("p-1", "org/m")).startsWith(ResponseStores.promptPrefix("p-1"));
  }
}
