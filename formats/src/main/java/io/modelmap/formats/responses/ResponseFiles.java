package io.modelmap.formats.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.formats.FilePosition;
import io.modelmap.formats.corpus.DocumentSources;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.key.Ids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Model responses to shared prompts: JSONL ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}),
 * one object a line with {@code model_id}, {@code prompt_id} and {@code response} (WildChat-50M's
 * shape). A bad line, or a second response of a model to one prompt, refuses the files with the file,
 * line and field, so a half-read set is never compared.
 */
public final class ResponseFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseFiles() {}

  /** One response. */
  public record Response(String modelId, String promptId, String text) {}

  public static List<Response> read(List<Path> files) throws IOException {
    List<Response> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(DocumentSources.open(file),
          StandardCharsets.UTF_8))) {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          FilePosition at = FilePosition.line(name, number);
          Response r = parse(at, line);
          String previous = seen.putIfAbsent(r.modelId() + "\u0000" + r.promptId(), at.toString());
          if (previous != null) {
            throw at.refuse(r.modelId() + " already answered prompt " + r.promptId() + " at "
                + previous + "; give each model one response per prompt");
          }
          out.add(r);
        }
      }
    }
    if (out.isEmpty()) {
      throw FilePosition.of(files.size() == 1 ? files.get(0) : files).refuse("no responses; write one {\"model_id\","
          + " \"prompt_id\", \"response\"} object a line");
    }
    return out;
  }

  private static Response parse(FilePosition at, String line) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw at.refuse("not JSON (" + e.getOriginalMessage() + "); write one object a line");
    }
    String model = text(at, node, "model_id");
    CsvFiles.requireId(at.field("model_id"), Ids.Kind.MODEL, model);
    return new Response(model, text(at, node, "prompt_id"), text(at, node, "response"));
  }

  private static String text(FilePosition at, JsonNode node, String field) throws IOException {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual() && !(value.isNumber() && !field.equals("response"))) {
      // "line N: field F:" as the CLI has always printed it (CliErrorsIT reads this message)
      throw at.refuse("field " + field + ": missing or not a string");
    }
    return value.asText();
  }
}
