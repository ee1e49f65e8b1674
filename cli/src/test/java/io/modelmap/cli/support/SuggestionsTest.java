package io.modelmap.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Distances worked out by hand; suggestions among a few names. */
class SuggestionsTest {
  @Test
  void shouldCountASwapOfNeighboursAsOneEdit() {
    assertThat(Suggestions.distance("dmeo", "demo")).isEqualTo(1);
    assertThat(Suggestions.distance("--tiemout", "--timeout")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "map")).isEqualTo(3);
  }

  @Test
  void shouldSuggestOnlyCloseNamesClosestFirst() {
    List<String> commands = List.of("demo", "map", "merge", "agreement", "export");

    assertThat(Suggestions.closest("dmeo", commands, 3)).containsExactly("demo");
    assertThat(Suggestions.closest("mapp", commands, 3)).containsExactly("map");
    assertThat(Suggestions.closest("xyz", commands, 3)).isEmpty();
  }
}
