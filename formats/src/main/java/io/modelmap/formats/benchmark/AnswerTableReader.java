package io.modelmap.formats.benchmark;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads answers in the layout of {@code mmlu-pro-answers.csv}:
 * {@code question_id,category,n_choices,gold_index,<model>,<model>,...}, one row per item. A cell
 * holds the chosen index, {@code -1} for an answer from which no option could be read, or nothing
 * when the model has no answer. A bad row is skipped, a cell that is not a number is left out; both
 * are reported. A number naming an option the item does not have (real outputs contain "E" for a
 * four-choice question) is an answer from which no option can be read: it is kept as {@code -1}
 * (wrong, agrees with nothing) and counted in {@link AnswerTable#recoded()}.
 */
public final class AnswerTableReader {
  private static final List<String> FIXED = List.of("question_id", "category", "n_choices", "gold_index");

  private AnswerTableReader() {}

  public static AnswerTable read(Path file, String benchmarkId) throws IOException {
    List<String> header = CsvFiles.header(file);
    if (header.size() <= FIXED.size() || !header.subList(0, FIXED.size()).equals(FIXED)) {
      throw FilePosition.of(file).refuse("the header must be " + String.join(",", FIXED) + ",<model>,...; it is " + header);
    }
    List<String> models = header.subList(FIXED.size(), header.size());
    String name = file.getFileName().toString();
    List<McItem> items = new ArrayList<>();
    Map<String, List<McAnswer>> answers = new LinkedHashMap<>();
    models.forEach(m -> answers.put(m, new ArrayList<>()));
    List<String> problems = new ArrayList<>();
    List<String> recoded = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (CSVRecord record : CsvFiles.read(file)) {
      String where = name + " line " + (record.getRecordNumber() + 1);
      String problem = rowProblem(record, header.size(), ids);
      if (problem != null) {
        problems.add(where + ": " + problem + "; row skipped");
        continue;
      }
      String id = record.get(0);
      int choices = Integer.parseInt(record.get(2).trim());
      items.add(McItem.newBuilder().setBenchmarkId(benchmarkId).setItemId(id).setQuestion("")
          .setChoices(letters(choices)).setGoldIndex(Integer.parseInt(record.get(3).trim()))
          .setSubject(record.get(1).isEmpty() ? null : record.get(1)).build());
      for (int m = 0; m < models.size(); m++) {
        String cell = record.get(FIXED.size() + m).trim();
        if (cell.isEmpty()) {
          continue;
        }
        Integer chosen = parse(cell);
        if (chosen == null || chosen < -1) {
          problems.add(where + ": answer '" + cell + "' of " + models.get(m) + " is not -1 or a choice 0.."
              + (choices - 1) + "; cell skipped");
          continue;
        }
        if (chosen >= choices) {
          recoded.add(where + ": answer " + chosen + " of " + models.get(m) + " names no option of " + choices
              + "; counted as unreadable (-1)");
          chosen = -1;
        }
        answers.get(models.get(m)).add(McAnswer.newBuilder().setItemId(id).setChosenIndex(chosen).build());
      }
    }
    return new AnswerTable(items, answers, problems, recoded);
  }

  private static String rowProblem(CSVRecord record, int width, Set<String> ids) {
    if (!record.isConsistent() || record.size() != width) {
      return "has " + record.size() + " fields, the header has " + width;
    }
    Integer choices = parse(record.get(2).trim());
    Integer gold = parse(record.get(3).trim());
    if (record.get(0).isBlank()) {
      return "has no question_id";
    }
    if (choices == null || choices < 2) {
      return "n_choices '" + record.get(2) + "' is not a number of at least 2";
    }
    if (gold == null || gold < 0 || gold >= choices) {
      return "gold_index '" + record.get(3) + "' is not a choice 0.." + (choices - 1);
    }
    if (!ids.add(record.get(0))) {
      return "repeats question_id " + record.get(0);
    }
    return null;
  }

  private static Integer parse(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Option letters as stand-in choice texts: A, B, ... then A1, B1, ... past Z. */
  private static List<String> letters(int count) {
    List<String> letters = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      letters.add((char) ('A' + i % 26) + (i < 26 ? "" : Integer.toString(i / 26)));
    }
    return letters;
  }
}
