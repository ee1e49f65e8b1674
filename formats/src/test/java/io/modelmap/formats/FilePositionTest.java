package io.modelmap.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilePositionTest {
  @Test
  void shouldNameTheFileThenTheLineThenTheField() {
    assertThat(FilePosition.of(Path.of("data", "L.csv"))).hasToString("data/L.csv");
    assertThat(FilePosition.line("scores.csv", 3)).hasToString("scores.csv line 3");
    assertThat(FilePosition.line("scores.csv", 3).field("arc_easy")).hasToString("scores.csv line 3, field arc_easy");
  }

  @Test
  void shouldRefuseWithOneLineThatIsAnIoException() {
    BadInputFile refusal = FilePosition.line("models.csv", 4).field("parameters")
        .refuse("'1.5X' is not a positive count such as 160M or 1.5B");

    assertThat(refusal).isInstanceOf(IOException.class)
        .hasMessage("models.csv line 4, field parameters: '1.5X' is not a positive count such as 160M or 1.5B");
    assertThat(refusal.getMessage()).doesNotContain("\n");
    assertThat(refusal.position()).isEqualTo(new FilePosition("models.csv", 4, "parameters"));
    assertThat(refusal.problem()).isEqualTo("'1.5X' is not a positive count such as 160M or 1.5B");
  }

  @Test
  void shouldKeepThePositionWhenAdviceOrACauseIsAdded() {
    IOException decoder = new IOException("Unknown frame descriptor");
    BadInputFile refusal = FilePosition.line("val.jsonl.zst", 1).refuse("cannot be read as zstd").causedBy(decoder)
        .advising("; rename it");

    assertThat(refusal).hasMessage("val.jsonl.zst line 1: cannot be read as zstd; rename it").hasCause(decoder);
    assertThat(refusal.position().line()).isEqualTo(1);
  }

  @Test
  void shouldListTheFirstBadLinesAndCountTheRest() {
    List<BadInputFile> lines = List.of(FilePosition.line("a.jsonl", 2).refuse("x"),
        FilePosition.line("a.jsonl", 5).refuse("y"), FilePosition.line("a.jsonl", 9).refuse("z"));

    BadInputFile several = BadInputFile.several("a.jsonl", lines, 2, "; fix them");

    assertThat(several).hasMessage("a.jsonl line 2: x\na.jsonl line 5: y\n1 more bad lines\n3 bad lines in a.jsonl; fix them");
    assertThat(several.position().line()).isEqualTo(2);
  }

  @Test
  void shouldRefuseANegativeLine() {
    assertThatThrownBy(() -> FilePosition.line("a.csv", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
