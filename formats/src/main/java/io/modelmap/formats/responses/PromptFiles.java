package io.modelmap.formats.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.formats.FilePosition;
import io.modelmap.formats.corpus.DocumentSources;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.key.Ids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A prompt set: JSONL ({@code .jsonl}, {@code .gz}, {@code .zst}), one object a line with
 * {@code prompt_id} and {@code prompt}. A bad line or a repeated id refuses the file with its line and
 * field.
 */
public final class PromptFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptFiles() {}

  public static List<PromptText> read(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<PromptText> prompts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(DocumentSources.open(file),
        StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        FilePosition at = FilePosition.line(name, number);
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw at.refuse("not a JSON object (" + e.getOriginalMessage() + "); write one object a line");
        }
        String id = text(node, "prompt_id", at);
        CsvFiles.requireId(at.field("prompt_id"), Ids.Kind.ITEM, id);
        if (!seen.add(id)) {
          throw at.field("prompt_id").refuse(id + " appears twice; give each prompt one id");
        }
        prompts.add(PromptText.newBuilder().setPromptId(id).setText(text(node, "prompt", at)).build());
      }
    }
    if (prompts.isEmpty()) {
      throw FilePosition.of(name).refuse("holds no prompts; write one {\"prompt_id\", \"prompt\"} object a line");
    }
    return prompts;
  }

  private static String text(JsonNode node, String field, FilePosition at) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw at.field(field).refuse("missing or not a string; each line needs prompt_id and"
          + " prompt");
    }
    return value.asText();
  }
}
