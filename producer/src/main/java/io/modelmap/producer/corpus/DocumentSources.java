package io.modelmap.producer.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads documents from the Pile's JSONL format and from plain text files or folders. */
public final class DocumentSources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentSources() {}

  /** One JSON object per line: {@code {"text": ..., "meta": {"pile_set_name": ...}}}. */
  public static List<Document> pileJsonl(Path file) throws IOException {
    List<Document> docs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IOException(file + " line " + number + ": not JSON (" + e.getMessage() + ")", e);
        }
        if (!node.path("text").isTextual()) {
          throw new IOException(file + " line " + number + ": no \"text\" string");
        }
        docs.add(new Document(node.get("text").asText(), node.path("meta").path("pile_set_name").asText("unknown")));
      }
    }
    return docs;
  }

  /** A text file, or every regular file under a folder (sorted by path), all with one category. */
  public static List<Document> plainText(Path path, String category) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(new Document(Files.readString(path, StandardCharsets.UTF_8), category));
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).sorted().map(f -> {
        try {
          return new Document(Files.readString(f, StandardCharsets.UTF_8), category);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + f, e);
        }
      }).toList();
    }
  }
}
