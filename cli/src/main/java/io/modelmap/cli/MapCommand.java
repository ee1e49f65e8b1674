package io.modelmap.cli;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.hub.HubModels;
import io.modelmap.cli.hub.LocalModels;
import io.modelmap.cli.runtime.AgreementTable;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.LineageTable;
import io.modelmap.cli.runtime.LocalPipeline;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.cli.support.CorpusOptions;
import io.modelmap.cli.support.GenerationOptions;
import io.modelmap.cli.support.HubOptions;
import io.modelmap.cli.support.ScorerDeviceOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.scorer.model.CheckpointCheck;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.formats.benchmark.ParsedItems;
import io.modelmap.hub.HubSettings;
import io.modelmap.scorer.worker.HubCheckpoints;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.key.Ids;
import io.modelmap.scorer.model.CausalLmLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap map}: one command from local checkpoints and a corpus to a map. */
@Command(name = "map", mixinStandardHelpOptions = true,
    description = "Map your own checkpoints: start the embedded default on a fresh data folder, publish the corpus,"
        + " register every model, score them with a local scorer, print the neighbour table, export and exit"
        + " (--serve keeps it running with the dashboard).")
final class MapCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "ID=DIR|HUB_ID",
      description = "A Hugging Face checkpoint folder under a model id, e.g. acme/tiny-base@v2=./ckpt, or a model on the"
          + " Hub, org/name[@revision], found in the Hugging Face cache or downloaded into it (repeatable).")
  List<String> models = new ArrayList<>();

  @Mixin
  HubOptions hub;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "Every subfolder with a config.json (DIR/name or DIR/org/name; the id is that path) (repeatable).")
  List<Path> modelsDirs = new ArrayList<>();

  @Mixin
  CorpusOptions corpus;

  @Option(names = "--corpus-id", defaultValue = "corpus", description = "Id of the corpus (default ${DEFAULT-VALUE}).")
  String corpusId;

  @Option(names = "--benchmark", paramLabel = "ITEMS.jsonl",
      description = "Multiple-choice items (lm-evaluation-harness JSONL or CSV) to answer too; the benchmark id is the"
          + " file name without extension (repeatable).")
  List<Path> benchmarks = new ArrayList<>();

  @Mixin
  ScorerDeviceOptions scoring;

  @Option(names = "--dtype", defaultValue = "float32", description = "float32, float16 or bfloat16 (default ${DEFAULT-VALUE}).")
  String dtype;

  @Mixin
  LocalRunOptions run;

  @Mixin
  GenerationOptions generation;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "30m",
      description = "How long to wait for the scores, e.g. 90s, 10m, 1h30m or PT10M (default ${DEFAULT-VALUE}: a few"
          + " small checkpoints on a CPU take minutes, and models the scorer refuses or fails end the wait at once;"
          + " raise it for large models or corpora).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    // every input is checked before anything starts
    // the options first: a Hub model may take long to download
    if (!corpus.anySource()) {
      throw new UsageError("map needs a corpus: --corpus FILE|DIR (Pile JSONL) or --text PATH --category NAME");
    }
    Ids.problem(Ids.Kind.CORPUS, corpusId).ifPresent(problem -> {
      throw new UsageError("--corpus-id: " + problem);
    });
    if (!CausalLmLoader.DTYPES.contains(dtype)) {
      throw new UsageError("--dtype " + dtype + ": the scorer runs one of " + CausalLmLoader.DTYPES);
    }
    corpus.spec(); // --min-bytes, --sample: before a Hub model downloads
    scoring.resolve(); // --device gpu without a GPU: one line now, not after Kafka and the scorer started
    run.preflight();
    List<LocalModel> checkpoints = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    HubSettings hubSettings = hub.settings();
    List<LocalModel> given = LocalModels.resolve(models, modelsDirs, new HubModels(hubSettings,
        ScorerConfig.DEFAULT_MAX_MODEL_BYTES, System.out, System.console() != null));
    for (LocalModel model : given) {
      CheckpointCheck.problem(model.dir()).ifPresentOrElse(problem -> refused.add(model.id() + ": " + problem),
          () -> checkpoints.add(model));
    }
    for (LocalModel model : checkpoints) {
      System.out.println(model.id() + ": " + CheckpointCheck.summary(model.dir()));
    }
    if (checkpoints.isEmpty()) { // the reasons in the one line: nothing else will be printed
      throw new UsageError((refused.size() == 1 ? "the only model cannot be mapped: "
          : "none of the " + refused.size() + " models can be mapped: ") + String.join("; ", refused));
    }
    refused.forEach(line -> System.out.println("refused: " + line));
    List<CorpusText> texts = corpus.build(System.out);
    Map<String, ParsedItems> items = readBenchmarks();
    List<PromptText> prompts = generation.read();
    int exported;
    try (EmbeddedSystem system = run.start("map");
        LocalPipeline pipeline = new LocalPipeline(system.connection(), System.out, Clock.systemUTC())) {
      pipeline.publishCorpus(corpusId, texts);
      items.forEach((id, parsed) -> pipeline.publishBenchmark(id, parsed.items()));
      pipeline.usePrompts(prompts, generation.spec());
      pipeline.register(checkpoints, corpusId, texts, dtype);
      pipeline.startScorer(checkpoints.stream().map(LocalModel::dir).toList(), scoring.device, scoring.batchSize,
          HubCheckpoints.of(hubSettings, ScorerConfig.DEFAULT_MAX_MODEL_BYTES));
      system.watch("local scorer", pipeline::scorerRunning);
      pipeline.watchAggregator(system::aggregatorAlive);
      pipeline.awaitMap(texts.size(), timeout).forEach((model, reason) -> refused.add(model + ": " + reason));
      NeighborTable.print(system.connection(), 3, System.out);
      if (pipeline.hasBenchmarks()) {
        pipeline.awaitAgreement(timeout);
        AgreementTable.read(system.connection()).printModels(System.out);
      }
      if (pipeline.hasPrompts()) {
        pipeline.awaitResponses(timeout);
        LineageTable.print(system.connection(), 3, System.out);
      }
      exported = run.finish(system, corpusId, pipeline.hasBenchmarks(), pipeline.hasPrompts());
    }
    if (!refused.isEmpty()) {
      System.out.println(refused.size() + " of " + Plural.of(given.size(), "model")
          + (refused.size() == 1 ? " was refused and is" : " were refused and are") + " not on the map:");
      refused.forEach(line -> System.out.println("  " + line));
      return 1;
    }
    return exported;
  }

  private Map<String, ParsedItems> readBenchmarks() throws Exception {
    Map<String, ParsedItems> read = new LinkedHashMap<>();
    for (Path file : benchmarks) {
      String id = file.getFileName().toString().replaceFirst("(\\.jsonl|\\.csv)?(\\.gz)?$", "");
      ParsedItems parsed = ItemFiles.read(file, id);
      parsed.problems().forEach(p -> System.out.println("  skipped: " + p));
      if (parsed.items().isEmpty()) {
        throw new IOException(file + ": no valid items");
      }
      read.put(id, parsed);
    }
    return read;
  }
}
