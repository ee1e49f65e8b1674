package io.modelmap.formats.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.FilePosition;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads documents from the Pile's JSONL format ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}:
 * the Pile ships zstd) and from plain-text files or folders.
 */
public final class DocumentSources {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bad lines listed before a file is refused; the count of the rest follows. */
  private static final int LINES_SHOWN = 5;

  private DocumentSources() {}

  /** Documents read from a source, and what was left out with why. */
  public record Read(List<Document> documents, List<String> skipped) {}

  /** Whether a file name is one {@link #pileJsonl} reads. */
  public static boolean isJsonl(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".jsonl.zst")
        || name.endsWith(".json.zst") || name.endsWith(".json.gz");
  }

  /**
   * One JSON object per line: {@code {"text": ..., "meta": {"pile_set_name": ...}, "id": ...}}. The id
   * is the {@code id} field, else {@code <file name>:<line>}; the category is {@code meta.pile_set_name},
   * else {@code category}. Any bad line refuses the whole file (a corpus is immutable: it must not be
   * published from part of a file by accident), with the file, line and field of each problem.
   */
  public static List<Document> pileJsonl(Path file, String category) throws IOException {
    List<Document> docs = new ArrayList<>();
    List<BadInputFile> problems = new ArrayList<>();
    String name = file.getFileName().toString();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
      String line;
      int number = 0;
      while ((line = readLine(reader, file, number + 1)) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          docs.add(document(JSON.readTree(line), FilePosition.line(file, number), name, category));
        } catch (JsonProcessingException e) {
          problems.add(FilePosition.line(file, number).refuse("not a JSON object (" + e.getOriginalMessage() + ")"));
        } catch (BadInputFile e) {
          problems.add(e);
        }
      }
    }
    if (problems.size() == 1) {
      throw problems.get(0).advising("; nothing was published: fix the line and run again");
    }
    if (!problems.isEmpty()) {
      throw BadInputFile.several(file, problems, LINES_SHOWN, "; nothing was published: fix them (each needs a"
          + " \"text\" string) and run again");
    }
    if (docs.isEmpty()) {
      throw FilePosition.of(file).refuse("no documents (expected one JSON object per line with a \"text\" field)");
    }
    return docs;
  }

  // "line N: field F:", as the CLI has always printed it (CliErrorsIT reads this message)
  private static Document document(JsonNode node, FilePosition at, String fileName, String category)
      throws BadInputFile {
    if (!node.isObject()) {
      throw at.refuse("not a JSON object");
    }
    if (!node.path("text").isTextual()) {
      throw at.refuse("field text: missing or not a string");
    }
    JsonNode id = node.get("id");
    String docId = id == null || id.isNull() ? fileName + ":" + at.line() : id.isValueNode() ? id.asText() : null;
    if (docId == null || docId.isBlank()) {
      throw at.refuse("field id: must be a string or number when present");
    }
    String set = node.path("meta").path("pile_set_name").asText("");
    return new Document(docId, node.get("text").asText(), set.isBlank() ? category : set);
  }

  private static String readLine(BufferedReader reader, Path file, int line) throws IOException {
    try {
      return reader.readLine();
    } catch (CharacterCodingException e) {
      throw FilePosition.line(file, line).refuse("not UTF-8 text; save the file as UTF-8").causedBy(e);
    } catch (IOException e) {
      String name = file.getFileName().toString();
      String format = name.endsWith(".zst") ? "zstd" : name.endsWith(".gz") ? "gzip" : "plain JSONL";
      throw FilePosition.line(file, line).refuse("cannot be read as " + format + " (" + e.getMessage()
          + "); check that the file's name matches its contents").causedBy(e);
    }
  }

  /** The file's bytes, decompressed by its name's ending ({@code .zst}, {@code .gz}). */
  public static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".zst")) {
        return new ZstdInputStream(in);
      }
      if (name.endsWith(".gz")) {
        return new GZIPInputStream(in, 1 << 16);
      }
    } catch (IOException e) {
      in.close();
      throw FilePosition.of(file).refuse("not " + (name.endsWith(".zst") ? "zstd" : "gzip") + " data ("
          + e.getMessage() + "); rename it to match its contents").causedBy(e);
    }
    return in;
  }

  /**
   * A text file, or every regular file under a folder (sorted by path), all with one category. A
   * document's id is its path from the folder's parent ({@code src/main/App.java}). Files that are
   * not UTF-8 text (images, archives) are left out and listed.
   */
  public static Read plainText(Path path, String category) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or folder");
    }
    Path absolute = path.toAbsolutePath();
    Path base = absolute.getParent() == null ? absolute : absolute.getParent();
    List<Path> files;
    if (Files.isRegularFile(path)) {
      files = List.of(absolute);
    } else {
      try (Stream<Path> walk = Files.walk(absolute)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
    }
    List<Document> docs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : files) {
      try {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        if (text.indexOf('\0') >= 0) {
          skipped.add(file + ": binary (holds NUL bytes)");
        } else if (!text.isBlank()) {
          docs.add(new Document(base.relativize(file).toString(), text, category));
        }
      } catch (CharacterCodingException e) {
        skipped.add(file + ": not UTF-8 text");
      }
    }
    return new Read(docs, skipped);
  }
}
