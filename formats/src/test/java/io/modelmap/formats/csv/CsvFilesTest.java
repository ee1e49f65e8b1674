package io.modelmap.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.FilePosition;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFilesTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadBackWhatItWroteWithCommasQuotesNewlinesAndNonAscii() throws IOException {
    Path file = dir.resolve("texts.csv");
    List<String> awkward = List.of("doc 1, \"a\"#0", "Größe\nzweite Zeile", "😀 café", "meta-llama/Llama-3.2-1B@main");
    try (CSVPrinter csv = CsvFiles.writer(file, List.of("text_id", "bytes"))) {
      for (String id : awkward) {
        csv.printRecord(id, 1);
      }
    }

    List<CSVRecord> rows = CsvFiles.read(file);

    assertThat(CsvFiles.header(file)).containsExactly("text_id", "bytes");
    assertThat(rows).extracting(r -> r.get("text_id")).containsExactlyElementsOf(awkward);
    // RFC 4180 on disk: quotes doubled, the cell with a comma quoted, LF between records
    assertThat(Files.readString(file)).startsWith("text_id,bytes\n\"doc 1, \"\"a\"\"#0\",1\n");
  }

  @Test
  void shouldSkipTheByteOrderMarkSpreadsheetsWrite() throws IOException {
    Path file = dir.resolve("models.csv");
    Files.write(file, "\uFEFFmodel_id,family\nEleutherAI/pythia-160m,pythia\n".getBytes(StandardCharsets.UTF_8));

    assertThat(CsvFiles.header(file)).containsExactly("model_id", "family");
    assertThat(CsvFiles.read(file).get(0).get("model_id")).isEqualTo("EleutherAI/pythia-160m");
  }

  @Test
  void shouldWriteNumbersThatParseBackToTheSameDouble() {
    for (double value : new double[] {0.1 + 0.2, -1e-300, Double.MIN_VALUE, -2.5, 1.0 / 3}) {
      assertThat(Double.parseDouble(CsvFiles.number(value))).isEqualTo(value);
    }
    assertThat(CsvFiles.number(0.30000000000000004)).isEqualTo("0.30000000000000004");
  }

  @Test
  void shouldRefuseAnInvalidIdNamingFileLineAndField() {
    FilePosition at = FilePosition.line("scores.csv", 3).field("model_id");
    assertThatThrownBy(() -> CsvFiles.requireId(at, Ids.Kind.MODEL, "acme/\tmodel"))
        .isInstanceOf(BadInputFile.class)
        .hasMessageStartingWith("scores.csv line 3, field model_id: model id 'acme/\\u0009model' holds control character"
            + " U+0009");
  }

  @Test
  void shouldReturnAValidId() throws IOException {
    assertThat(CsvFiles.requireId(FilePosition.line("a.csv", 2), Ids.Kind.MODEL, "meta-llama/Llama-3.2-1B"))
        .isEqualTo("meta-llama/Llama-3.2-1B");
  }
}
