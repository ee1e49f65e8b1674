package io.modelmap.cli.support;

import io.modelmap.formats.responses.PromptFiles;
import io.modelmap.schemas.avro.GenerationSpec;
import io.modelmap.schemas.avro.PromptText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** A prompt set for the models to answer (generation tasks), and how to generate. */
public final class GenerationOptions {
  @Option(names = "--prompts", paramLabel = "FILE.jsonl", description = "Prompts ({prompt_id, prompt} per line) the"
      + " models answer; their responses are compared (model-responses, response-similarity).")
  Path prompts;

  @Option(names = "--max-new-tokens", defaultValue = "48", description = "Tokens generated at most per prompt"
      + " (default ${DEFAULT-VALUE}).")
  int maxNewTokens;

  @Option(names = "--temperature", defaultValue = "0", description = "0: greedy (default); else seeded sampling at"
      + " this temperature.")
  double temperature;

  @Option(names = "--generation-seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "A string that ends a response (repeatable).")
  List<String> stops = new ArrayList<>();

  public List<PromptText> read() throws IOException {
    if (maxNewTokens < 1 || temperature < 0) {
      throw new UsageError("--max-new-tokens must be at least 1 and --temperature 0 or more");
    }
    return prompts == null ? List.of() : PromptFiles.read(prompts);
  }

  public GenerationSpec spec() {
    return GenerationSpec.newBuilder().setMaxNewTokens(maxNewTokens).setStops(List.copyOf(stops))
        .setTemperature(temperature).setSeed(seed).build();
  }
}
