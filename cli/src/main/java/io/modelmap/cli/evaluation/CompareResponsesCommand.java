package io.modelmap.cli.evaluation;

import io.modelmap.cli.support.ExportOption;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import io.modelmap.math.responses.ResponseSimilarity;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.formats.export.ResponseCsvWriter;
import io.modelmap.formats.responses.ResponseFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap compare-responses}: response similarity between models on shared prompts (WildChat-50M), offline. */
@Command(name = "compare-responses", mixinStandardHelpOptions = true,
    description = "Compare models by their responses to shared prompts: mean ROUGE-1, ROUGE-2, ROUGE-L F1,"
        + " sentence BLEU and METEOR (NLTK's rules, WordNet 3.0 synonyms) per pair over the prompts both answered, each model's nearest models by ROUGE-L and the"
        + " mutual nearest pairs; --export-to writes response-similarity.csv.")
public final class CompareResponsesCommand implements Callable<Integer> {
  @Option(names = "--responses", required = true, paramLabel = "FILE",
      description = "JSONL (.jsonl, .jsonl.gz, .jsonl.zst) of {model_id, prompt_id, response} (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--top", defaultValue = "3", description = "Nearest models shown per model (default ${DEFAULT-VALUE}).")
  int top;

  @Mixin
  public ExportOption export;

  @Override
  public Integer call() throws Exception {
    List<ResponseFiles.Response> responses = ResponseFiles.read(files);
    long begun = System.nanoTime();
    ResponseSimilarity similarity = new ResponseSimilarity();
    int done = 0;
    for (ResponseFiles.Response r : responses) {
      similarity.add(r.modelId(), r.promptId(), r.text());
      if (++done % 10_000 == 0) {
        System.out.printf("  compared %,d of %,d responses%n", done, responses.size());
      }
    }
    double seconds = (System.nanoTime() - begun) / 1e9;
    long comparisons = similarity.pairs().values().stream().mapToLong(PairSums::prompts).sum();
    System.out.printf("compare-responses: %s of %s, %s in %.1f s (%,.0f per second)%n",
        Plural.of(responses.size(), "response"), Plural.of(similarity.models().size(), "model"),
        Plural.of(comparisons, "pair comparison"), seconds, comparisons / seconds);
    System.out.printf("%nnearest by ROUGE-L F1 (mean over shared prompts):%n");
    for (String model : similarity.models()) {
      System.out.printf("  %-36s %s%n", model, similarity.nearest(model, top).stream()
          .map(p -> String.format("%s %.3f", p.other(model), similarity.pairs().get(p).means().rougeL()))
          .collect(Collectors.joining(", ")));
    }
    System.out.printf("%nmutual nearest pairs: %s%n", similarity.mutualNearest().stream()
        .map(p -> p.a() + " – " + p.b()).collect(Collectors.joining("; ")));
    if (export.exportTo != null) {
      Files.createDirectories(export.exportTo);
      try (CSVPrinter csv = CsvFiles.writer(export.exportTo.resolve("response-similarity.csv"),
          ResponseCsvWriter.SIMILARITY_HEADER)) {
        for (Map.Entry<ModelPair, PairSums> e : similarity.pairs().entrySet()) {
          ResponsePair m = e.getValue().means();
          csv.printRecord(e.getKey().a(), e.getKey().b(), e.getValue().prompts(), CsvFiles.number(m.rouge1()),
              CsvFiles.number(m.rouge2()), CsvFiles.number(m.rougeL()), CsvFiles.number(m.bleu()),
              ResponseCsvWriter.meteor(m.meteor()));
        }
      }
      System.out.println("Exported to " + export.exportTo);
    }
    return 0;
  }
}
