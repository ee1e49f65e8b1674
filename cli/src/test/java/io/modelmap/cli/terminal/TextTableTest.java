package io.modelmap.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.cli.terminal.TextTable.Column;
import org.junit.jupiter.api.Test;

/** Columns as wide as their widest cell, long cells cut in the middle; expected text written by hand. */
class TextTableTest {
  private static final String NL = System.lineSeparator();

  @Test
  void shouldWidenEachColumnToItsLongestIdSoTheColumnsStayAligned() {
    String text = TextTable.of(Column.left("model"), Column.right("texts"), Column.left("nearest"))
        .row("meta-llama/Llama-3.2-1B-Instruct", 200, "EleutherAI/pythia-70m@step1000")
        .row("gpt2", 17, "llama")
        .render();

    // model column: 32 characters (the Llama id); texts: 5 (the header); two spaces between columns
    assertThat(text).isEqualTo(
        "model                             texts  nearest" + NL
        + "meta-llama/Llama-3.2-1B-Instruct    200  EleutherAI/pythia-70m@step1000" + NL
        + "gpt2                                 17  llama" + NL);
  }

  @Test
  void shouldCutACellLongerThanItsCapInTheMiddle() {
    String text = TextTable.of(Column.left("model").capped(15), Column.right("n"))
        .row("EleutherAI/pythia-70m@step1000", 1)
        .render();

    // cap 15: the first 7 characters, "…", the last 7
    assertThat(text).isEqualTo(
        "model" + " ".repeat(10) + "  n" + NL
        + "Eleuthe…tep1000  1" + NL);
    assertThat(TextTable.fit("EleutherAI/pythia-70m@step1000", 15)).isEqualTo("Eleuthe…tep1000");
    assertThat(TextTable.fit("gpt2", 4)).isEqualTo("gpt2");
  }

  @Test
  void shouldKeepAMinimumWidthAndACustomSpacing() {
    String text = TextTable.of(Column.left("model").atLeast(8), Column.right("items").atLeast(7)).spaced(1)
        .row("alpha", 4)
        .render();

    assertThat(text).isEqualTo(
        "model      items" + NL
        + "alpha          4" + NL);
  }

  @Test
  void shouldLeaveBlankCellsForContinuationRowsAndDropTrailingBlanks() {
    String text = TextTable.of(Column.left("model"), Column.left("neighbour"), Column.right("KL"))
        .row("a", "b", "1.0")
        .row("", "c", "12.5")
        .row("d")
        .render();

    assertThat(text).isEqualTo(
        "model  neighbour    KL" + NL // widths 5, 9, 4: each line 22 characters
        + "a      b" + " ".repeat(11) + "1.0" + NL
        + "       c" + " ".repeat(10) + "12.5" + NL
        + "d" + NL);
  }

  @Test
  void shouldRefuseMoreCellsThanColumns() {
    assertThatThrownBy(() -> TextTable.of(Column.left("model")).row("a", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("2 cells for 1 columns");
  }
}
