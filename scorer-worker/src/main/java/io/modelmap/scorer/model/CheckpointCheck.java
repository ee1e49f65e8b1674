package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a checkpoint folder can be scored, checked before anything starts: config.json readable,
 * its model_type supported, weights present and readable (headers, indexes, pickles), a tokenizer present. One line per problem, so a command
 * can name the refused models and go on with the others.
 */
public final class CheckpointCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointCheck() {}

  /** Why {@code dir} cannot be scored, or empty when it can. */
  public static Optional<String> problem(Path dir) {
    Path configFile = dir.resolve("config.json");
    JsonNode config;
    try {
      config = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      return Optional.of(configFile + " cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (CausalLmLoader.isTorchScript(dir)) {
      return tokenizerProblem(dir);
    }
    String refusal = CausalLmLoader.refusal(config);
    if (refusal != null) {
      return Optional.of(refusal);
    }
    if (!hasWeights(dir)) {
      return Optional.of(dir + " has no weights: expected model.safetensors, model.safetensors.index.json,"
          + " pytorch_model.bin or pytorch_model.bin.index.json");
    }
    try {
      CheckpointTensors.open(dir); // headers, shard indexes and pickles: truncated or hostile files show here
    } catch (IOException | RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
    return tokenizerProblem(dir);
  }

  /**
   * Why no attempt can ever score {@code dir}: its model_type is not supported (recurrent, custom code,
   * unknown). Unlike a file problem, which a second attempt may not see (a copy still in progress), this
   * never changes.
   */
  public static Optional<String> unsupportedType(Path dir) {
    try {
      return Optional.ofNullable(CausalLmLoader.isTorchScript(dir) ? null
          : CausalLmLoader.refusal(JSON.readTree(dir.resolve("config.json").toFile())));
    } catch (IOException e) {
      return Optional.empty(); // unreadable now: the load reports it, and the attempt is retried
    }
  }

  /** What the scorer will run for a folder that passed {@link #problem}: its model_type and start token. */
  public static String summary(Path dir) throws IOException {
    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    String start = StartToken.of(dir, config).map(StartToken::describe).orElse("the family's default");
    return config.path("model_type").asText("?") + ", start token " + start;
  }

  private static boolean hasWeights(Path dir) {
    for (String name : new String[] {"model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
        "pytorch_model.bin.index.json"}) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> tokenizerProblem(Path dir) {
    if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
      return Optional.empty();
    }
    if (Files.isRegularFile(dir.resolve("tokenizer.model"))) {
      return Optional.of(dir + " has only a SentencePiece tokenizer.model; write tokenizer.json with Python's"
          + " transformers: AutoTokenizer.from_pretrained(DIR).save_pretrained(DIR)");
    }
    return Optional.of(dir + " has no tokenizer.json");
  }
}
