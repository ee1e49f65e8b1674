package io.modelmap.formats.benchmark;

import io.modelmap.schemas.avro.McItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks candidate rows against the item rules (≥ 2 choices, gold in range, unique ids) and keeps the good ones. */
final class ItemCollector {
  private final String benchmarkId;
  private final String fileName;
  private final List<McItem> items = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  ItemCollector(String benchmarkId, String fileName) {
    this.benchmarkId = benchmarkId;
    this.fileName = fileName;
  }

  void add(long line, String id, String question, List<String> choices, int gold, String subject) {
    String problem = null;
    if (id == null || id.isBlank()) {
      problem = "has no item id";
    } else if (!ids.add(id)) {
      problem = "repeats item id " + id;
    } else if (question == null) {
      problem = "has no question";
    } else if (choices.size() < 2) {
      problem = "has " + choices.size() + " choice(s); at least 2 are needed";
    } else if (gold < 0 || gold >= choices.size()) {
      problem = "gold index " + gold + " is outside its " + choices.size() + " choices (0-based)";
    }
    if (problem != null) {
      skip(line, problem);
      return;
    }
    items.add(McItem.newBuilder().setBenchmarkId(benchmarkId).setItemId(id).setQuestion(question)
        .setChoices(List.copyOf(choices)).setGoldIndex(gold).setSubject(subject).build());
  }

  void skip(long line, String problem) {
    problems.add(fileName + " line " + line + ": " + problem + "; row skipped");
  }

  ParsedItems result() {
    return new ParsedItems(items, problems);
  }

  /** An answer given as an index ("2") or a letter ("C" = 2); -1 when it is neither. */
  static int goldIndex(String text, List<String> labels) {
    String trimmed = text.trim();
    if (trimmed.matches("\\d+")) {
      return Integer.parseInt(trimmed);
    }
    int labelled = labels.indexOf(trimmed);
    if (labelled >= 0) {
      return labelled;
    }
    return trimmed.length() == 1 && Character.isLetter(trimmed.charAt(0))
        ? Character.toUpperCase(trimmed.charAt(0)) - 'A' : -1;
  }
}
