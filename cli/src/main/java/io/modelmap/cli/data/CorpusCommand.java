package io.modelmap.cli.data;

import io.modelmap.cli.runtime.CorpusPublication;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.CorpusOptions;
import io.modelmap.cli.support.UsageError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap corpus}: builds a corpus by the paper's §3.1 procedure and publishes it to corpus-texts. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = "Build a corpus from Pile JSONL and plain text (1,024-byte UTF-8 chunks, chunks under 256 bytes"
        + " dropped, a seeded sample) and publish it to corpus-texts. A published corpus is never changed.")
public final class CorpusCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  CorpusOptions corpus;

  @Option(names = "--corpus-id", required = true, description = "Id to publish the corpus under.")
  String corpusId;

  @Override
  public Integer call() throws Exception {
    if (!corpus.anySource()) {
      throw new UsageError("corpus needs at least one --corpus FILE|DIR or --text PATH --category NAME");
    }
    new CorpusPublication(connection.external(), System.out).publish(corpusId, corpus.build(System.out));
    return 0;
  }
}
