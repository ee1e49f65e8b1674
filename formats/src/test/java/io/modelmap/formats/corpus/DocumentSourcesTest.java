package io.modelmap.formats.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.modelmap.formats.BadInputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesTest {
  /** Lines as the Pile writes them: text, meta.pile_set_name, no id. */
  private static final String PILE = """
      {"text": "It is done, and submitted. You can play “Survival of the Tastiest” on Android.", "meta": {"pile_set_name": "Pile-CC"}}
      {"text": "#include <stdio.h>\\nint main(void) { return 0; }\\n", "meta": {"pile_set_name": "Github"}}

      {"text": "Größe und Gewicht — naïve café 😀", "meta": {"pile_set_name": "Wikipedia (en)"}, "id": "wiki 42, \\"q\\""}
      """;

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = name.endsWith(".zst") ? new ZstdOutputStream(Files.newOutputStream(file))
        : name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void shouldReadPileJsonlPlainGzipAndZstdAlike() throws IOException {
    List<Document> plain = DocumentSources.pileJsonl(write("val.jsonl", PILE), "unknown");
    List<Document> gzip = DocumentSources.pileJsonl(write("val.jsonl.gz", PILE), "unknown");
    List<Document> zstd = DocumentSources.pileJsonl(write("val.jsonl.zst", PILE), "unknown");

    assertThat(plain).extracting(Document::category).containsExactly("Pile-CC", "Github", "Wikipedia (en)");
    assertThat(plain).extracting(Document::id).containsExactly("val.jsonl:1", "val.jsonl:2", "wiki 42, \"q\"");
    assertThat(plain.get(2).text()).isEqualTo("Größe und Gewicht — naïve café 😀");
    assertThat(gzip).extracting(Document::text).isEqualTo(plain.stream().map(Document::text).toList());
    assertThat(zstd).extracting(Document::text).isEqualTo(plain.stream().map(Document::text).toList());
    assertThat(zstd.get(0).id()).isEqualTo("val.jsonl.zst:1");
  }

  @Test
  void shouldTakeTheSourcesCategoryWhenARecordHasNoPileSetName() throws IOException {
    List<Document> docs = DocumentSources.pileJsonl(write("mine.jsonl", "{\"text\": \"hello there\"}\n"), "notes");
    assertThat(docs).extracting(Document::category).containsExactly("notes");
  }

  @Test
  void shouldRefuseAFileWithBadLinesNamingFileLineAndField() throws IOException {
    Path file = write("bad.jsonl", "{\"text\": \"fine\"}\n{\"txt\": \"typo\"}\nnot json\n{\"text\": \"x\", \"id\": {}}\n");
    assertThatThrownBy(() -> DocumentSources.pileJsonl(file, "unknown"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + " line 2: field text: missing or not a string")
        .hasMessageContaining(file + " line 3: not a JSON object")
        .hasMessageContaining(file + " line 4: field id")
        .hasMessageContaining("nothing was published");
  }

  @Test
  void shouldSayWhenACompressedNameHoldsOtherData() throws IOException {
    Path file = write("fake.jsonl", "{\"text\": \"plain\"}\n");
    Path renamed = Files.move(file, dir.resolve("fake.jsonl.zst"));
    assertThatThrownBy(() -> DocumentSources.pileJsonl(renamed, "unknown")).isInstanceOf(IOException.class)
        .hasMessageContaining("fake.jsonl.zst");
    assertThatThrownBy(() -> DocumentSources.pileJsonl(dir.resolve("missing.jsonl"), "unknown"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void shouldReadAFolderOfTextFilesSkippingBinaries() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/main"));
    Files.writeString(src.resolve("App.java"), "class App {}\n");
    Files.writeString(src.resolve("README.md"), "# Readme\n");
    Files.write(src.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe});

    DocumentSources.Read read = DocumentSources.plainText(dir.resolve("src"), "code");

    assertThat(read.documents()).extracting(Document::id).containsExactly("src/main/App.java", "src/main/README.md");
    assertThat(read.documents()).extracting(Document::category).containsOnly("code");
    assertThat(read.skipped()).singleElement().asString().contains("logo.png");
  }

  @Test
  void shouldRefuseABadLineOfAZstdPileFileAsOneBadInputFileNamingFileLineAndField() throws IOException {
    Path file = write("00.jsonl.zst", """
        {"text": "Größe und Gewicht", "meta": {"pile_set_name": "Wikipedia (en)"}, "id": "wiki 1, \\"q\\""}
        {"text": "fine", "meta": {"pile_set_name": "Pile-CC"}}
        {"txt": "typo", "meta": {"pile_set_name": "Pile-CC"}}
        """);

    assertThatThrownBy(() -> DocumentSources.pileJsonl(file, "unknown"))
        .isInstanceOf(BadInputFile.class)
        .hasMessage(file + " line 3: field text: missing or not a string; nothing was published: fix the line and run"
            + " again")
        .extracting(e -> ((BadInputFile) e).position().line()).isEqualTo(3L);
  }

  @Test
  void shouldReadOneTextFileAsOneDocumentNamedByItsPath() throws IOException {
    Path file = dir.resolve("notes über Kafka.txt");
    Files.writeString(file, "Topics, partitions — und Größe.\n");

    DocumentSources.Read read = DocumentSources.plainText(file, "notes");

    assertThat(read.documents()).containsExactly(new Document("notes über Kafka.txt", "Topics, partitions — und Größe.\n",
        "notes"));
    assertThat(read.skipped()).isEmpty();
  }
}
