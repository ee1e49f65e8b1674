package io.modelmap.it;

import io.modelmap.formats.csv.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the exported CSV files (RFC 4180: ids may be quoted) as rows of fields, header skipped. */
final class ExportedCsv {
  private ExportedCsv() {}

  static List<String[]> rows(Path file) throws IOException {
    return CsvFiles.read(file).stream().map(r -> r.toList().toArray(String[]::new)).toList();
  }
}
