package io.modelmap.formats.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.formats.FilePosition;
import io.modelmap.formats.corpus.DocumentSources;
import io.modelmap.formats.csv.CsvFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads multiple-choice items. Bad rows are reported with their line numbers and skipped; good
 * rows are kept.
 *
 * <p>JSONL, one object per line, in the shapes lm-evaluation-harness tasks use: {@code question} (or
 * {@code query}), {@code choices} as a list of strings or as {@code {"text": [...], "label": [...]}},
 * the gold as {@code answer}, {@code gold} or {@code answerKey} (an index, a letter or a label),
 * optional {@code id} and {@code subject}. Without an id, the 0-based row number is the id.
 *
 * <p>CSV with a header: {@code question}, {@code answer} (or {@code gold_index}), the choices in
 * columns {@code choice_0, choice_1, ...} or {@code A, B, ...} (empty cells end the list), optional
 * {@code item_id} and {@code subject}.
 */
public final class ItemFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemFiles() {}

  /** Reads a {@code .jsonl} or {@code .csv} file. */
  public static ParsedItems read(Path file, String benchmarkId) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".csv")) {
      return csv(file, benchmarkId);
    }
    try (InputStream in = DocumentSources.open(file)) { // .jsonl, .jsonl.gz, .jsonl.zst
      return jsonl(in, name, benchmarkId);
    }
  }

  public static ParsedItems jsonl(InputStream in, String fileName, String benchmarkId) throws IOException {
    ItemCollector collector = new ItemCollector(benchmarkId, fileName);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    long number = 0;
    long row = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        collector.skip(number, "is not JSON (" + e.getOriginalMessage() + ")");
        row++;
        continue;
      }
      JsonNode choicesNode = node.path("choices");
      List<String> labels = texts(choicesNode.path("label"));
      List<String> choices = choicesNode.isArray() ? texts(choicesNode) : texts(choicesNode.path("text"));
      JsonNode goldNode = first(node, "answer", "gold", "answerKey");
      int gold = goldNode == null ? -1 : goldNode.isInt() ? goldNode.asInt() : ItemCollector.goldIndex(goldNode.asText(), labels);
      JsonNode question = first(node, "question", "query");
      JsonNode id = node.get("id");
      collector.add(number, id == null ? Long.toString(row) : id.asText(), question == null ? null : question.asText(),
          choices, gold, node.hasNonNull("subject") ? node.get("subject").asText() : null);
      row++;
    }
    return collector.result();
  }

  private static ParsedItems csv(Path file, String benchmarkId) throws IOException {
    List<String> header = CsvFiles.header(file);
    List<String> choiceColumns = new ArrayList<>();
    for (String column : header) {
      if (column.matches("choice_\\d+") || column.matches("[A-Z]")) {
        choiceColumns.add(column);
      }
    }
    String goldColumn = header.contains("answer") ? "answer" : "gold_index";
    if (!header.contains("question") || !header.contains(goldColumn) || choiceColumns.isEmpty()) {
      throw FilePosition.of(file).refuse("the header needs question, answer (or gold_index) and choice columns"
          + " (choice_0, choice_1, ... or A, B, ...); it has " + header);
    }
    ItemCollector collector = new ItemCollector(benchmarkId, file.getFileName().toString());
    for (CSVRecord record : CsvFiles.read(file)) {
      long line = record.getRecordNumber() + 1;
      if (!record.isConsistent()) {
        collector.skip(line, "has " + record.size() + " fields, the header has " + header.size());
        continue;
      }
      List<String> choices = new ArrayList<>();
      for (String column : choiceColumns) {
        if (record.get(column).isEmpty()) {
          break;
        }
        choices.add(record.get(column));
      }
      String id = header.contains("item_id") ? record.get("item_id") : Long.toString(record.getRecordNumber() - 1);
      collector.add(line, id, record.get("question"), choices, ItemCollector.goldIndex(record.get(goldColumn), List.of()),
          header.contains("subject") && !record.get("subject").isEmpty() ? record.get("subject") : null);
    }
    return collector.result();
  }

  private static JsonNode first(JsonNode node, String... names) {
    for (String name : names) {
      if (node.hasNonNull(name)) {
        return node.get(name);
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }
}
