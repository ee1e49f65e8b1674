package io.modelmap.formats.csv;

import io.modelmap.formats.FilePosition;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The CSV dialect of every file read or written: RFC 4180, a header row, UTF-8, numbers written to round-trip exactly. */
public final class CsvFiles {
  private CsvFiles() {}

  public static CSVPrinter writer(Path file, List<String> header) throws IOException {
    Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
        .setHeader(header.toArray(String[]::new)).get());
  }

  /** Rows of a CSV with a header; each record knows its line number. */
  public static List<CSVRecord> read(Path file) throws IOException {
    try (Reader in = open(file);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(in)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  public static List<String> header(Path file) throws IOException {
    try (Reader in = open(file);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setAllowMissingColumnNames(true).get().parse(in)) {
      return parser.getHeaderNames();
    }
  }

  /** UTF-8, past a byte-order mark if there is one (spreadsheets write one), so it never joins the first name. */
  private static Reader open(Path file) throws IOException {
    java.io.PushbackReader in = new java.io.PushbackReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  /** Shortest text that parses back to exactly the same double. */
  public static String number(double value) {
    return Double.toString(value);
  }

  /** {@code id} when it is a valid id of {@code kind}; otherwise refuses the file at {@code at} with the rule. */
  public static String requireId(FilePosition at, Ids.Kind kind, String id) throws IOException {
    var problem = Ids.problem(kind, id);
    if (problem.isPresent()) {
      throw at.refuse(problem.get());
    }
    return id;
  }
}
