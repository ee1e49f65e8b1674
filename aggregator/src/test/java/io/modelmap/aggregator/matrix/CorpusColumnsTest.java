package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.matrix.CorpusColumns.Outcome;
import org.junit.jupiter.api.Test;

/** The first text fixes a corpus's size; a text that contradicts what is known is refused, the same text again is known. */
class CorpusColumnsTest {
  private final CorpusColumns columns = new CorpusColumns();

  @Test
  void shouldBecomeWholeWhenEveryColumnHasItsText() {
    assertThat(columns.add("a", 1, 2)).isEqualTo(Outcome.ADDED);
    assertThat(columns.isWhole()).isFalse();
    assertThat(columns.add("b", 0, 2)).isEqualTo(Outcome.ADDED);

    assertThat(columns.isWhole()).isTrue();
    assertThat(columns.indexOf("a")).hasValue(1);
    assertThat(columns.indexOf("z")).isEmpty();
  }

  @Test
  void shouldRefuseTextsThatContradictTheCorpus() {
    columns.add("a", 0, 2);

    assertThat(columns.add("a", 0, 2)).as("the same text again").isEqualTo(Outcome.KNOWN);
    assertThat(columns.add("a", 1, 2)).as("a known text at another column").isEqualTo(Outcome.CONFLICT);
    assertThat(columns.add("b", 0, 2)).as("a new text at a held column").isEqualTo(Outcome.CONFLICT);
    assertThat(columns.add("b", 1, 3)).as("another corpus size").isEqualTo(Outcome.CONFLICT);
    assertThat(columns.add("b", 2, 2)).as("a column outside the corpus").isEqualTo(Outcome.CONFLICT);
    assertThat(columns.known()).isEqualTo(1);
  }
}
