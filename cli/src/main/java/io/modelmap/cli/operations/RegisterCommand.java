package io.modelmap.cli.operations;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.hub.HubRegistration;
import io.modelmap.cli.hub.LocalModels;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.GenerationOptions;
import io.modelmap.cli.support.HubOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.scorer.model.CheckpointCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubModelId;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.cli.runtime.PublishedCorpora;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap register}: publishes model-registered for a model and fans it out into score tasks. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Register a model: publish model-registered and its score tasks (the corpus's texts, and the items"
        + " of each --benchmark), read from corpus-texts and mc-items.")
public final class RegisterCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--model-id", description = "Id of the model (needed with --source-uri; with --model, default org/name"
      + " at the default branch, org/name@revision otherwise).")
  String modelId;

  @Option(names = "--source-uri", description = "file:/path of the checkpoint folder, under a scorer's --model-root.")
  String sourceUri;

  @Option(names = "--model", paramLabel = "HUB_ID", description = "A model on the Hugging Face Hub, org/name[@revision]"
      + " (instead of --source-uri): the revision is resolved to a commit now and every worker scores that commit.")
  String hubModel;

  @Mixin
  HubOptions hub;

  @Option(names = "--corpus-id", required = true, description = "Corpus to score the model on (already published).")
  String corpusId;

  @Option(names = "--dtype", defaultValue = "float32", description = "float32, float16 or bfloat16 (default ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--family", description = "Model family, for colouring maps.")
  String family;

  @Option(names = "--type", description = "Model type (base, fine-tuned, merged, ...).")
  String modelType;

  @Option(names = "--parameters", description = "Parameter count.")
  Long parameterCount;

  @Option(names = "--label", description = "key=value label (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--benchmark", description = "Benchmark to answer as well (repeatable; already published to mc-items).")
  List<String> benchmarks = new ArrayList<>();

  @Option(names = "--texts-per-task", defaultValue = "50", description = "Texts or items per score task (default ${DEFAULT-VALUE}).")
  int perTask;

  @Mixin
  GenerationOptions generation;

  /**
   * A {@code file:} source that is on this machine is checked as the scorer will load it (config, model_type,
   * weights against their headers, tokenizer) before anything is published; one on a scorer's machine only is not.
   */
  private void checkLocalFolder() {
    if (sourceUri == null || !sourceUri.startsWith("file:")) {
      return;
    }
    Path folder = Path.of(sourceUri.substring("file:".length()));
    if (Files.isDirectory(folder)) {
      CheckpointCheck.problem(folder).ifPresent(problem -> {
        throw new UsageError("--source-uri " + sourceUri + ": " + problem);
      });
    }
  }

  @Override
  public Integer call() throws Exception {
    if ((hubModel == null) == (sourceUri == null)) {
      throw new UsageError("register needs either --model org/name[@revision] (a Hub model) or --model-id and"
          + " --source-uri (a checkpoint folder)");
    }
    if (sourceUri != null && modelId == null) {
      throw new UsageError("--source-uri needs --model-id");
    }
    checkLocalFolder();
    Optional<HubRegistration> fromHub = Optional.empty();
    if (hubModel != null) {
      HubModelId id = LocalModels.hubId(hubModel);
      String commit = HubClient.builder(hub.settings()).build().commit(id);
      fromHub = Optional.of(HubRegistration.of(id, commit, Optional.ofNullable(modelId)));
      modelId = fromHub.get().modelId();
      sourceUri = fromHub.get().sourceUri();
      System.out.println(id + " is commit " + commit + "; registering it as " + modelId);
    }
    Ids.problem(Ids.Kind.MODEL, modelId).ifPresent(problem -> {
      throw new UsageError("--model-id: " + problem);
    });
    KafkaConnection target = connection.external();
    TopicReader reader = new TopicReader(target);
    // the texts the aggregator accepted: a task for a text it dead-lettered would only be dead-lettered too
    List<String> textIds = PublishedCorpora.read(target).corpus(corpusId).texts().stream()
        .map(TextChunk::getTextId).toList();
    if (textIds.isEmpty()) {
      throw new UsageError("corpus '" + corpusId + "' has no texts in " + target.topics().corpusTexts().name()
          + "; publish it first with modelmap corpus --corpus-id " + corpusId + " --corpus FILE");
    }
    if (fromHub.isPresent()) {
      ModelRegistered stored = reader.latestByKey(target.topics().modelRegistered()).get(modelId);
      fromHub.get().checkAgainst(Optional.ofNullable(stored));
    }
    Map<String, List<String>> itemIds = new HashMap<>();
    if (!benchmarks.isEmpty()) {
      for (McItem item : reader.latestByKey(target.topics().mcItems()).values()) {
        itemIds.computeIfAbsent(item.getBenchmarkId().toString(), b -> new ArrayList<>()).add(item.getItemId().toString());
      }
      for (String benchmark : benchmarks) {
        if (!itemIds.containsKey(benchmark)) {
          throw new UsageError("benchmark '" + benchmark + "' has no items in mc-items; publish it with import-items first");
        }
      }
    }
    ModelRegistered model = ModelRegistered.newBuilder().setModelId(modelId).setSourceUri(sourceUri)
        .setRevision(fromHub.map(HubRegistration::commit).orElse(null)).setDtype(dtype)
        .setFamily(family).setModelType(modelType).setParameterCount(parameterCount).setLabels(Map.copyOf(labels))
        .setCorpusId(corpusId).setBenchmarks(List.copyOf(benchmarks)).setRegisteredAtMs(System.currentTimeMillis())
        .build();
    List<PromptText> prompts = generation.read();
    try (Publisher publisher = new Publisher(target)) {
      int tasks = new ModelOnboarding(publisher, target.topics(), new TaskFanout(perTask)).onboard(model, textIds, itemIds,
          prompts, generation.spec());
      publisher.flush();
      System.out.printf("Registered %s: %s over %s%s%s%n", modelId, Plural.of(tasks, "score task"),
          Plural.of(textIds.size(), "text"),
          benchmarks.isEmpty() ? "" : " and benchmarks " + benchmarks,
          prompts.isEmpty() ? "" : " and " + Plural.of(prompts.size(), "prompt"));
    }
    return 0;
  }
}
