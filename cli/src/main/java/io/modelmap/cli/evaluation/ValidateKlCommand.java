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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
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

  @Option(names = "--seed", split = ",", paramLabel = "SEED", defaultValue = "0",
      description = "Seed of the sample (default ${DEFAULT-VALUE}); several (--seed 1,2,3) give one sample each and"
          + " mean ± standard deviation over them.")
  List<Long> seeds = new ArrayList<>();

  @Option(names = "--chunk-bytes", description = "Largest text, UTF-8 bytes (default: the model's context − 1, one"
      + " forward pass; longer texts are scored in sliding windows, e.g. 1024 as the paper).")
  Integer chunkBytes;

  @Option(names = "--min-bytes", defaultValue = "64", description = "Chunks shorter than this are dropped (default"
      + " ${DEFAULT-VALUE}).")
  int minBytes;

  @Option(names = "--stride", description = "Tokens each sliding window advances (default: half the context); every"
      + " token is scored once with at least context − stride tokens before it.")
  Integer stride;

  @Option(names = "--pair", paramLabel = "A,B", description = "A §6.1 pair (repeatable; default: the first two models).")
  List<String> pairs = new ArrayList<>();

  @Mixin
  public DeviceOption device;

  /** One pair on one sample (§6.1): r against the sampled and the noise-free ‖ζ1 − ζ2‖², the pair's KL per token. */
  private record PairResult(double r61, double r61Expected, double rExpectedSampled, double klPerToken) {}

  /** One sample's results: each §6.1 pair's, and §6.2's r (NaN with two models). */
  private record SeedResult(List<PairResult> pairs, double r62) {}

  @Override
  public Integer call() throws Exception {
    List<LocalModel> local = LocalModels.resolve(models, modelsDirs);
    if (local.size() < 2) {
      throw new UsageError("validate-kl needs at least two models (--model ID=DIR, --models-dir DIR)");
    }
    if (!demoCorpus && !sources.anySource()) {
      throw new UsageError("validate-kl needs --demo-corpus or documents (--corpus FILE|DIR, --text PATH --category NAME),"
          + " or both");
    }
    Device on = device.resolve();
    List<String> ids = local.stream().map(LocalModel::id).toList();
    List<List<String>> chosen = new ArrayList<>();
    for (String pair : pairs.isEmpty() ? List.of(ids.get(0) + "," + ids.get(1)) : pairs) {
      List<String> two = List.of(pair.split(",", -1));
      if (two.size() != 2 || !ids.containsAll(two)) {
        throw new UsageError("--pair " + pair + ": takes two of the models' ids, e.g. --pair " + ids.get(0) + ","
            + ids.get(1));
      }
      chosen.add(two);
    }
    requireSharedTokenizer(local);
    int context;
    try (CausalLm first = CausalLmLoader.load(local.get(0).dir(), on)) {
      context = first.contextLength();
    }
    int windowStride = stride == null ? Math.max(1, context / 2) : stride;
    if (windowStride < 1 || windowStride > context) {
      throw new UsageError("--stride must be between 1 and the models' context (" + context + "), not " + windowStride);
    }
    // by default texts of at most context − 1 bytes: the start token and the text fit one forward pass
    int bytes = chunkBytes == null ? context - 1 : chunkBytes;
    if (minBytes < 1 || minBytes > bytes) {
      throw new UsageError("--min-bytes must be between 1 and the largest text (" + bytes + " bytes), not " + minBytes);
    }
    List<Document> documents = new ArrayList<>();
    if (demoCorpus) {
      documents.addAll(DemoCorpus.documents(20, 2024));
    }
    if (sources.anySource()) {
      documents.addAll(sources.documents(System.out));
    }
    List<SeedResult> results = new ArrayList<>();
    for (long seed : seeds) {
      List<String> corpus = new CorpusBuilder(new CorpusSpec(bytes, minBytes, texts, seed))
          .build(documents).stream().map(CorpusText::text).toList();
      System.out.printf("validate-kl seed %d: %d models, %d texts of %s bytes, windows of %d tokens advancing by %d%n",
          seed, local.size(), corpus.size(), lengths(corpus), context, windowStride);
      results.add(run(local, chosen, corpus, windowStride, on));
    }
    if (results.size() > 1) {
      System.out.printf("over %d seeds (mean ± standard deviation):%n", results.size());
      for (int k = 0; k < chosen.size(); k++) {
        int pair = k;
        List<PairResult> of = results.stream().map(r -> r.pairs().get(pair)).toList();
        System.out.printf("  §6.1 %s vs %s: r %s; noise-free r %s; KL %s nats per token%n", chosen.get(k).get(0),
            chosen.get(k).get(1), spread(of, PairResult::r61), spread(of, PairResult::r61Expected),
            spread(of, PairResult::klPerToken));
      }
      if (local.size() > 2) {
        System.out.printf("  §6.2 r %s%n", spread(results, SeedResult::r62));
      }
    }
    return 0;
  }

  private SeedResult run(List<LocalModel> local, List<List<String>> chosen, List<String> corpus, int windowStride, Device on)
      throws Exception {
    List<String> ids = local.stream().map(LocalModel::id).toList();
    List<long[]> tokens = new ArrayList<>();
    try (HuggingFaceTokenizer tokenizer = tokenizer(local.get(0))) {
      corpus.forEach(text -> tokens.add(TokenLevelKl.tokens(tokenizer, text)));
    }
    // per model: ζ_i(x) and ℓ_i(x) for every text (§6.2); then the pair's exact KL, both models loaded (§6.1)
    List<TokenLevelKl.Coordinates[]> zetas = new ArrayList<>();
    double[][] l = new double[local.size()][corpus.size()];
    List<PairResult> tokenLevel = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(on)) {
      for (int m = 0; m < local.size(); m++) {
        try (CausalLm model = CausalLmLoader.load(local.get(m).dir(), on)) {
          TokenLevelKl.Coordinates[] zeta = new TokenLevelKl.Coordinates[corpus.size()];
          for (int x = 0; x < corpus.size(); x++) {
            zeta[x] = TokenLevelKl.coordinates(model, tokens.get(x), windowStride, manager);
            l[m][x] = zeta[x].logLikelihood();
          }
          zetas.add(zeta);
        }
        System.out.printf("  scored %s (%d of %d)%n", local.get(m).id(), m + 1, local.size());
      }
      for (List<String> pair : chosen) {
        int p = ids.indexOf(pair.get(0));
        int q = ids.indexOf(pair.get(1));
        PairResult r = tokenLevel(local.get(p), local.get(q), zetas.get(p), zetas.get(q), tokens, windowStride, on,
            manager);
        tokenLevel.add(r);
        System.out.printf("§6.1 %s vs %s: Σ_t KL(p1‖p2) against ‖ζ1 − ζ2‖² over %d texts: Pearson r = %.3f (paper: 0.893)%n",
            pair.get(0), pair.get(1), corpus.size(), r.r61());
        System.out.printf("     noise-free: against E‖ζ1 − ζ2‖² (each y_t drawn from p1): r = %.3f; E‖ζ1 − ζ2‖² against"
            + " ‖ζ1 − ζ2‖²: r = %.3f; KL %.4f nats per token%n", r.r61Expected(), r.rExpectedSampled(), r.klPerToken());
      }
    }
    if (local.size() < 3) { // one pair: no correlation over pairs
      System.out.println("§6.2 needs at least three models (pairs to correlate over): skipped");
      return new SeedResult(tokenLevel, Double.NaN);
    }
    double meanBytes = corpus.stream().mapToInt(t -> t.getBytes(StandardCharsets.UTF_8).length).average().orElseThrow();
    double r62 = textLevel(ids, l, zetas, meanBytes);
    System.out.printf("§6.2 ‖q_i − q_j‖² against (1/N) Σ_x ‖ζ_i(x) − ζ_j(x)‖² over %d pairs: Pearson r = %.3f (paper: 0.904)%n",
        local.size() * (local.size() - 1) / 2, r62);
    return new SeedResult(tokenLevel, r62);
  }

  private static PairResult tokenLevel(LocalModel a, LocalModel b, TokenLevelKl.Coordinates[] zetaA,
      TokenLevelKl.Coordinates[] zetaB, List<long[]> tokens, int windowStride, Device on, NDManager manager)
      throws Exception {
    double[] exact = new double[tokens.size()];
    double[] expected = new double[tokens.size()];
    double[] estimate = new double[tokens.size()];
    long positions = 0;
    double klSum = 0;
    try (CausalLm p = CausalLmLoader.load(a.dir(), on); CausalLm q = CausalLmLoader.load(b.dir(), on)) {
      for (int x = 0; x < tokens.size(); x++) {
        TokenLevelKl.PairOnText pairOnText = TokenLevelKl.compare(p, q, tokens.get(x), windowStride, manager);
        exact[x] = pairOnText.exactKl();
        expected[x] = pairOnText.expectedZetaDistance();
        estimate[x] = TokenLevelKl.zetaDistance(zetaA[x], zetaB[x]);
        klSum += exact[x];
        positions += tokens.get(x).length;
      }
    }
    PearsonsCorrelation pearson = new PearsonsCorrelation();
    return new PairResult(pearson.correlation(exact, estimate), pearson.correlation(exact, expected),
        pearson.correlation(expected, estimate), klSum / positions);
  }

  /** "min–max (mean m)" of the texts' UTF-8 lengths. */
  private static String lengths(List<String> corpus) {
    IntSummaryStatistics s = corpus.stream().mapToInt(t -> t.getBytes(StandardCharsets.UTF_8).length)
        .summaryStatistics();
    return String.format("%d–%d (mean %.0f)", s.getMin(), s.getMax(), s.getAverage());
  }

  private static <T> String spread(List<T> results, ToDoubleFunction<T> value) {
    double[] values = results.stream().mapToDouble(value).toArray();
    return String.format("%.3f ± %.3f", new Mean().evaluate(values), new StandardDeviation().evaluate(values));
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
