package io.modelmap.cli.data;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.ResponseWaiter;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.EmbeddedOptions;
import io.modelmap.cli.support.ExportOption;
import io.modelmap.cli.transfer.ResponseExporter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.formats.responses.ResponseFiles;
import io.modelmap.producer.responses.ResponsePublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-responses}: publishes models' responses to shared prompts, compared as they arrive. */
@Command(name = "import-responses", mixinStandardHelpOptions = true,
    description = "Publish responses (JSONL of {model_id, prompt_id, response}) to model-responses; the aggregator"
        + " compares each with every other model's response to its prompt (ROUGE-1/2/L, BLEU, METEOR).")
public final class ImportResponsesCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  EmbeddedOptions standalone;

  @Option(names = "--responses", required = true, paramLabel = "FILE",
      description = "JSONL (.jsonl, .jsonl.gz, .jsonl.zst) of {model_id, prompt_id, response} (repeatable).")
  List<Path> files = new ArrayList<>();

  @Mixin
  ExportOption export;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "30m", description = "How long to wait for results, e.g. 90s, 10m,"
      + " 1h30m or PT10M (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    export.checkTarget(); // a folder the export would overwrite is refused before anything is published or started
    List<ResponseFiles.Response> responses = ResponseFiles.read(files);
    if (!standalone.embedded) {
      publishAndFinish(connection.external(), responses);
      return 0;
    }
    try (EmbeddedSystem system = EmbeddedSystem.start(standalone.dataDir("import-responses"), System.out)) {
      publishAndFinish(system.connection(), responses);
      return 0;
    }
  }

  private void publishAndFinish(KafkaConnection target, List<ResponseFiles.Response> responses) throws Exception {
    int records;
    try (Publisher publisher = new Publisher(target)) {
      records = new ResponsePublisher(publisher, target.topics().modelResponses()).publish(responses, "imported",
          System.currentTimeMillis());
    }
    long models = responses.stream().map(ResponseFiles.Response::modelId).distinct().count();
    System.out.printf("Published %s of %s in %s to %s%n", Plural.of(responses.size(), "response"),
        Plural.of(models, "model"), Plural.of(records, "record"),
        target.topics().modelResponses().name());
    if (export.exportTo != null) {
      new ResponseWaiter(target, System.out, Clock.systemUTC()).await(ResponseWaiter.sharedPrompts(responses), timeout);
      int pairs = new ResponseExporter(target).export(export.exportTo);
      System.out.println("Exported " + Plural.of(pairs, "pair") + " and lineage.csv to " + export.exportTo.toAbsolutePath());
    }
  }
}
