package io.modelmap.cli.bench;

import io.modelmap.eval.bench.SyntheticResponses;
import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponseSimilarity;
import io.modelmap.formats.responses.ResponseFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelmap bench-responses}: pair updates per second of the response comparison (ROUGE-1/2/L and
 * BLEU of a new response against every other model's to its prompt), at the file's K and at a synthetic K.
 */
@Command(name = "bench-responses", mixinStandardHelpOptions = true,
    description = "Measure response-similarity pair updates per second on real responses (their K) and on"
        + " synthetic models made from them (--synthetic-models).")
public final class ResponseBenchCommand implements Callable<Integer> {
  @Option(names = "--responses", required = true, paramLabel = "FILE", description = "JSONL of {model_id, prompt_id,"
      + " response} (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--prompts", defaultValue = "200", description = "Prompts of the real set compared (default ${DEFAULT-VALUE}).")
  int prompts;

  @Option(names = "--synthetic-models", defaultValue = "500", description = "K of the synthetic run (default ${DEFAULT-VALUE}).")
  int syntheticModels;

  @Option(names = "--synthetic-prompts", defaultValue = "4", description = "Prompts of the synthetic run (default ${DEFAULT-VALUE}).")
  int syntheticPrompts;

  @Override
  public Integer call() throws Exception {
    List<ResponseFiles.Response> real = ResponseFiles.read(files);
    java.util.Set<String> promptIds = new java.util.HashSet<>(real.stream().map(ResponseFiles.Response::promptId)
        .distinct().limit(prompts).toList());
    List<ResponseFiles.Response> subset = real.stream().filter(r -> promptIds.contains(r.promptId())).toList();
    System.out.printf("bench-responses on %d cores (%s %s)%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), System.getProperty("java.vm.name"));
    run("real", subset);
    run("synthetic", SyntheticResponses.of(real, syntheticModels, syntheticPrompts));
    return 0;
  }

  private static void run(String label, List<ResponseFiles.Response> responses) {
    ResponseSimilarity similarity = new ResponseSimilarity();
    long begun = System.nanoTime();
    for (ResponseFiles.Response r : responses) {
      similarity.add(r.modelId(), r.promptId(), r.text());
    }
    double seconds = (System.nanoTime() - begun) / 1e9;
    long updates = similarity.pairs().values().stream().mapToLong(PairSums::prompts).sum();
    System.out.printf("  %-9s K = %3d, %,6d responses: %,10d pair updates in %6.1f s = %,8.0f per second"
        + " (%.2f ms per response)%n", label, similarity.models().size(), responses.size(), updates, seconds,
        updates / seconds, 1000 * seconds / responses.size());
  }
}
