package io.modelmap.formats.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.FilePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixCsvReaderTest {
  /** Text ids as real corpora have them: spaces, a comma, quotes, non-ASCII. */
  private static final String TEXTS = """
      text_id,category,bytes
      "doc 1, ""a""#0",Pile-CC,1024
      Größe.txt#3,Wikipedia (en),517
      😀 emoji#0,Github,300
      """;

  @TempDir
  Path dir;

  @Test
  void shouldReadRowsIntoTheTextsColumnsWithEmptyCellsUnscored() throws IOException {
    Path texts = Files.writeString(dir.resolve("texts.csv"), TEXTS);
    // L's columns in another order than texts.csv: each value lands in its text's column
    Path l = Files.writeString(dir.resolve("L.csv"), """
        model_id,😀 emoji#0,"doc 1, ""a""#0",Größe.txt#3
        meta-llama/Llama-3.2-1B,-310.5,-1200.25,
        EleutherAI/pythia-160m@step143000,-0.0,-1500,-800
        """);

    ImportedMatrix matrix = MatrixCsvReader.read(l, texts);

    assertThat(matrix.texts()).containsExactly(new TextMetadata("doc 1, \"a\"#0", 0, "Pile-CC", 1024),
        new TextMetadata("Größe.txt#3", 1, "Wikipedia (en)", 517), new TextMetadata("😀 emoji#0", 2, "Github", 300));
    assertThat(matrix.rows()).containsOnlyKeys("meta-llama/Llama-3.2-1B", "EleutherAI/pythia-160m@step143000");
    assertThat(matrix.rows().get("meta-llama/Llama-3.2-1B")).containsExactly(-1200.25, Double.NaN, -310.5);
    assertThat(matrix.rows().get("EleutherAI/pythia-160m@step143000")).containsExactly(-1500, -800, -0.0);
    assertThat(matrix.problems()).isEmpty();
  }

  @Test
  void shouldSkipABadRowNamingFileLineAndText() throws IOException {
    Path texts = Files.writeString(dir.resolve("texts.csv"), TEXTS);
    Path l = Files.writeString(dir.resolve("L.csv"), """
        model_id,"doc 1, ""a""#0",Größe.txt#3,😀 emoji#0
        acme/ok,-1,-2,-3
        acme/positive,-1,2.5,-3
        acme/ok,-4,-5,-6
        """);

    ImportedMatrix matrix = MatrixCsvReader.read(l, texts);

    assertThat(matrix.rows()).containsOnlyKeys("acme/ok");
    assertThat(matrix.rows().get("acme/ok")).containsExactly(-1, -2, -3);
    assertThat(matrix.problems()).containsExactly(
        "L.csv line 3: text Größe.txt#3: 2.5 is not a log-likelihood (finite and <= 0); row skipped",
        "L.csv line 4: repeats model acme/ok; row skipped");
  }

  @Test
  void shouldRefuseTextsWithABadByteCountNamingFileLineAndField() throws IOException {
    Path texts = Files.writeString(dir.resolve("texts.csv"), "text_id,category,bytes\na#0,prose,12\nb#0,prose,many\n");
    Path l = Files.writeString(dir.resolve("L.csv"), "model_id,a#0\nacme/m,-1\n");

    assertThatThrownBy(() -> MatrixCsvReader.read(l, texts)).isInstanceOf(BadInputFile.class)
        .hasMessage(texts + " line 3, field bytes: 'many' is not a positive integer (expected columns"
            + " text_id,category,bytes)")
        .extracting(e -> ((BadInputFile) e).position()).isEqualTo(new FilePosition(texts.toString(), 3, "bytes"));
  }

  @Test
  void shouldRefuseAColumnOfLThatIsNoText() throws IOException {
    Path texts = Files.writeString(dir.resolve("texts.csv"), TEXTS);
    Path l = Files.writeString(dir.resolve("L.csv"), "model_id,unknown#0\nacme/m,-1\n");

    assertThatThrownBy(() -> MatrixCsvReader.read(l, texts)).isInstanceOf(BadInputFile.class)
        .hasMessageStartingWith(l + " line 1, field unknown#0: not a text of " + texts);
  }
}
