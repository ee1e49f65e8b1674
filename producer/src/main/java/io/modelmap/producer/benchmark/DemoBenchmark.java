package io.modelmap.producer.benchmark;

import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.formats.benchmark.ParsedItems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The small built-in multiple-choice benchmark the demo answers with every model (24 items, 3–5 choices). */
public final class DemoBenchmark {
  public static final String ID = "demo-mc";

  private DemoBenchmark() {}

  public static ParsedItems items() {
    try (InputStream in = DemoBenchmark.class.getResourceAsStream("demo-benchmark.jsonl")) {
      ParsedItems parsed = ItemFiles.jsonl(in, "demo-benchmark.jsonl", ID);
      if (!parsed.problems().isEmpty()) {
        throw new IllegalStateException("the bundled demo benchmark is invalid: " + parsed.problems());
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled demo benchmark", e);
    }
  }
}
