package io.modelmap.cli.evaluation;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import io.modelmap.cli.hub.LocalModels;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.cli.support.DeviceOption;
import io.modelmap.cli.support.DocumentOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.eval.kl.TextLevelKl;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.formats.corpus.Document;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.validation.TokenLevelKl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap validate-kl}: modelmap §6, the KL estimate against token-level KL, for models sharing a tokenizer. */
@Command(name = "validate-kl", mixinStandardHelpOptions = true,
    description = "Check the map's KL estimate against token-level KL (modelmap §6) for models that share"
        + " a tokenizer: §6.1 for one pair, per text; §6.2 for every pair, over the corpus. Runs the models itself.")
public final class ValidateKlCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "ID=DIR", description = "A checkpoint folder under a model id (repeatable).")
  List<String> models = new ArrayList<>();

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Every subfolder with a config.json (repeatable).")
  List<Path> modelsDirs = new ArrayList<>();

  @Mixin
  DocumentOptions sources = new DocumentOptions();

  @Option(names = "--demo-corpus", description = "The demo corpus's documents (the ones ./modelmap demo maps).")
  boolean demoCorpus;

  @Option(names = "--texts", defaultValue = "200", description = "Texts sampled (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the sample (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--pair", split = ",", paramLabel = "A,B", description = "The §6.1 pair (default: the first two models).")
  List<String> pair = new ArrayList<>();

  @Mixin
  public DeviceOption device;

  @Override
  public Integer call() throws Exception {
    List<LocalModel> local = LocalModels.resolve(models, modelsDirs);
    if (local.size() < 2) {
      throw new UsageError("validate-kl needs at least two models (--model ID=DIR, --models-dir DIR)");
    }
    if (demoCorpus == sources.anySource()) {
      throw new UsageError("validate-kl needs either --demo-corpus or documents (--corpus FILE|DIR, --text PATH --category NAME)");
    }
    Device on = device.resolve();
    List<String> ids = local.stream().map(LocalModel::id).toList();
    List<String> chosen = pair.isEmpty() ? ids.subList(0, 2) : pair;
    if (chosen.size() != 2 || !ids.containsAll(chosen)) {
      throw new UsageError("--pair takes two of the models' ids, e.g. --pair " + ids.get(0) + "," + ids.get(1));
    }
    requireSharedTokenizer(local);
    int context;
    try (CausalLm first = CausalLmLoader.load(local.get(0).dir(), on)) {
      context = first.contextLength();
    }
    List<Document> documents = demoCorpus ? DemoCorpus.documents(20, 2024) : sources.documents(System.out);
    // texts of at most context − 1 bytes: the start token and the text fit one forward pass whatever the tokenizer
    List<String> corpus = new CorpusBuilder(new CorpusSpec(context - 1, Math.min(64, context - 1), texts, seed))
        .build(documents).stream().map(CorpusText::text).toList();
    System.out.printf("validate-kl: %d models, %d texts of at most %d bytes%n", local.size(), corpus.size(), context - 1);
    List<long[]> tokens = new ArrayList<>();
    try (HuggingFaceTokenizer tokenizer = tokenizer(local.get(0))) {
      corpus.forEach(text -> tokens.add(TokenLevelKl.tokens(tokenizer, text, context)));
    }

    // per model: ζ_i(x) and ℓ_i(x) for every text (§6.2); then the pair's exact KL, both models loaded (§6.1)
    List<TokenLevelKl.Coordinates[]> zetas = new ArrayList<>();
    double[][] l = new double[local.size()][corpus.size()];
    try (NDManager manager = NDManager.newBaseManager(on)) {
      for (int m = 0; m < local.size(); m++) {
        try (CausalLm model = CausalLmLoader.load(local.get(m).dir(), on)) {
          TokenLevelKl.Coordinates[] zeta = new TokenLevelKl.Coordinates[corpus.size()];
          for (int x = 0; x < corpus.size(); x++) {
            zeta[x] = TokenLevelKl.coordinates(model, tokens.get(x), manager);
            l[m][x] = zeta[x].logLikelihood();
          }
          zetas.add(zeta);
        }
        System.out.printf("  scored %s (%d of %d)%n", local.get(m).id(), m + 1, local.size());
      }
      int p = ids.indexOf(chosen.get(0));
      int q = ids.indexOf(chosen.get(1));
      double r61 = tokenLevel(local.get(p), local.get(q), zetas.get(p), zetas.get(q), tokens, on, manager);
      System.out.printf("§6.1 %s vs %s: Σ_t KL(p1‖p2) against ‖ζ1 − ζ2‖² over %d texts: Pearson r = %.3f (paper: 0.893)%n",
          chosen.get(0), chosen.get(1), corpus.size(), r61);
    }
    double meanBytes = corpus.stream().mapToInt(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .average().orElseThrow();
    double r62 = textLevel(ids, l, zetas, meanBytes);
    System.out.printf("§6.2 ‖q_i − q_j‖² against (1/N) Σ_x ‖ζ_i(x) − ζ_j(x)‖² over %d pairs: Pearson r = %.3f (paper: 0.904)%n",
        local.size() * (local.size() - 1) / 2, r62);
    return 0;
  }

  private static double tokenLevel(LocalModel a, LocalModel b, TokenLevelKl.Coordinates[] zetaA,
      TokenLevelKl.Coordinates[] zetaB, List<long[]> tokens, Device on, NDManager manager) throws Exception {
    double[] exact = new double[tokens.size()];
    double[] estimate = new double[tokens.size()];
    try (CausalLm p = CausalLmLoader.load(a.dir(), on); CausalLm q = CausalLmLoader.load(b.dir(), on)) {
      for (int x = 0; x < tokens.size(); x++) {
        exact[x] = TokenLevelKl.exactKl(p, q, tokens.get(x), manager);
        estimate[x] = TokenLevelKl.zetaDistance(zetaA[x], zetaB[x]);
      }
    }
    return new PearsonsCorrelation().correlation(exact, estimate);
  }

  /** §6 needs one tokenizer: the same token ids for every model. */
  private static void requireSharedTokenizer(List<LocalModel> models) throws IOException {
    Path first = models.get(0).dir().resolve("tokenizer.json");
    for (LocalModel m : models.subList(1, models.size())) {
      Path other = m.dir().resolve("tokenizer.json");
      if (!Files.exists(first) || !Files.exists(other) || Files.mismatch(first, other) != -1) {
        throw new UsageError("validate-kl needs models that share a tokenizer: " + other + " differs from " + first
            + " (or one is missing)");
      }
    }
  }

  private static HuggingFaceTokenizer tokenizer(LocalModel model) throws IOException {
    return HuggingFaceTokenizer.newInstance(model.dir().resolve("tokenizer.json"),
        Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
  }

  /** §6.2 over every pair, printing each pair's two sides (the map's KL estimate also in bits per byte). */
  private static double textLevel(List<String> ids, double[][] l, List<TokenLevelKl.Coordinates[]> zetas,
      double meanBytes) {
    TextLevelKl result = TextLevelKl.of(l, (i, j, x) -> TokenLevelKl.zetaDistance(zetas.get(i)[x], zetas.get(j)[x]));
    for (TextLevelKl.Pair pair : result.pairs()) {
      System.out.printf("  %-40s %-40s ‖q_i − q_j‖² %12.4f (KL %.3g bits/byte)  (1/N)Σ‖ζ_i − ζ_j‖² %12.4f%n",
          ids.get(pair.i()), ids.get(pair.j()), pair.squaredDistance(), pair.klBitsPerByte(meanBytes), pair.zetaProxy());
    }
    return result.pearson();
  }
}
