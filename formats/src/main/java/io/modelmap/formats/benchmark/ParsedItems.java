package io.modelmap.formats.benchmark;

import io.modelmap.schemas.avro.McItem;
import java.util.List;

/**
 * Items read from a file: the good ones, and one message per skipped row naming its line.
 *
 * @param items valid items in file order
 * @param problems skipped rows, each "FILE line N: why"
 */
public record ParsedItems(List<McItem> items, List<String> problems) {
  public ParsedItems {
    items = List.copyOf(items);
    problems = List.copyOf(problems);
  }
}
