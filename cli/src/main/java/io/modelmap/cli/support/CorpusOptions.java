package io.modelmap.cli.support;

import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.formats.corpus.Document;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a corpus comes from and how it is cut (paper §3.1): the document sources, chunk size, minimum
 * size, sample and seed.
 */
public final class CorpusOptions {
  @Mixin
  DocumentOptions sources = new DocumentOptions();

  @Option(names = "--chunk-bytes", defaultValue = "1024", description = "Largest text, UTF-8 bytes (default ${DEFAULT-VALUE}).")
  int chunkBytes;

  @Option(names = "--min-bytes", defaultValue = "256", description = "Chunks shorter than this are dropped (default ${DEFAULT-VALUE}).")
  int minBytes;

  @Option(names = "--sample", defaultValue = "10000", description = "Texts sampled (default ${DEFAULT-VALUE}; all when fewer).")
  int sample;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the sample (default ${DEFAULT-VALUE}).")
  long seed;

  public boolean anySource() {
    return sources.anySource();
  }

  /** How the corpus is cut, checked before anything is read: an invalid value is the user's mistake (exit 2). */
  public CorpusSpec spec() {
    try {
      return new CorpusSpec(chunkBytes, minBytes, sample, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** Reads every source and builds the corpus, reporting skipped files on {@code out}. */
  public List<CorpusText> build(PrintStream out) throws IOException {
    CorpusSpec spec = spec();
    List<Document> documents = sources.documents(out);
    List<CorpusText> corpus = new CorpusBuilder(spec).build(documents);
    if (corpus.isEmpty()) {
      throw new IOException("no chunk of the " + documents.size() + " documents reaches --min-bytes " + minBytes
          + "; lower --min-bytes or add longer documents");
    }
    return corpus;
  }
}
