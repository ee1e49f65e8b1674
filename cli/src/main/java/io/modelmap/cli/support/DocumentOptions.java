package io.modelmap.cli.support;

import io.modelmap.formats.corpus.Document;
import io.modelmap.formats.corpus.DocumentSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where documents come from: Pile JSONL files or folders of them, and plain-text files or folders with a category each. */
public final class DocumentOptions {
  @Option(names = "--corpus", paramLabel = "FILE|DIR",
      description = "Pile-format JSONL (.jsonl, .jsonl.gz, .jsonl.zst; {\"text\", \"meta\": {\"pile_set_name\"}, \"id\"}),"
          + " or a folder of such files (repeatable).")
  List<Path> jsonl = new ArrayList<>();

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<TextSource> texts = new ArrayList<>();

  /** {@code --text PATH --category NAME}: plain text, one category per source. */
  public static final class TextSource {
    @Option(names = "--text", required = true, paramLabel = "FILE|DIR",
        description = "A plain-text file or a folder of them (repeatable, each with its --category).")
    Path path;

    // no defaultValue: picocli would apply it to a group that was not given (and fail)
    @Option(names = "--category", description = "Category of the --text before it (default: text).")
    String category;

    String categoryOrDefault() {
      return category == null ? "text" : category;
    }
  }

  public boolean anySource() {
    return !jsonl.isEmpty() || !texts.isEmpty();
  }

  /** Every document of every source, reporting skipped files on {@code out}. */
  public List<Document> documents(PrintStream out) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (Path source : jsonl) {
      for (Path file : jsonlFiles(source)) {
        documents.addAll(DocumentSources.pileJsonl(file, "unknown"));
      }
    }
    for (TextSource source : texts) {
      DocumentSources.Read read = DocumentSources.plainText(source.path, source.categoryOrDefault());
      read.skipped().forEach(s -> out.println("  left out " + s));
      documents.addAll(read.documents());
    }
    if (documents.isEmpty()) {
      throw new IOException("the sources hold no documents");
    }
    return documents;
  }

  private static List<Path> jsonlFiles(Path source) throws IOException {
    if (!Files.isDirectory(source)) {
      if (Files.exists(source) && !DocumentSources.isJsonl(source)) {
        throw new IOException(source + ": --corpus takes .jsonl, .jsonl.gz or .jsonl.zst files; use --text " + source
            + " --category NAME for plain text");
      }
      return List.of(source);
    }
    try (Stream<Path> files = Files.walk(source)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(DocumentSources::isJsonl).sorted().toList();
      if (found.isEmpty()) {
        throw new IOException(source + ": no .jsonl, .jsonl.gz or .jsonl.zst files in this folder; use --text " + source
            + " --category NAME for plain text");
      }
      return found;
    }
  }
}
