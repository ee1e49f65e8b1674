package io.modelmap.cli.evaluation;

import io.modelmap.cli.support.UsageError;
import io.modelmap.encoder.MiniLmEncoder;
import io.modelmap.eval.embedllm.CategoryCorrectness;
import io.modelmap.eval.embedllm.CategoryRouter;
import io.modelmap.eval.embedllm.CorrectnessTable;
import io.modelmap.eval.embedllm.EncodingCache;
import io.modelmap.eval.embedllm.EmbedLlmForecast;
import io.modelmap.eval.embedllm.FoldInComparison;
import io.modelmap.eval.embedllm.KnnBaseline;
import io.modelmap.eval.embedllm.QuestionEncoding;
import io.modelmap.eval.embedllm.QuestionSplit;
import io.modelmap.eval.embedllm.QuestionTexts;
import io.modelmap.eval.embedllm.RoutingTime;
import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.RouterQuality;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.formats.benchmark.AnswerTableReader;
import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.schemas.avro.McItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap embedllm-eval}: EmbedLLM's correctness, routing and fold-in protocols on a model × question table. */
@Command(name = "embedllm-eval", mixinStandardHelpOptions = true,
    description = "Evaluate EmbedLLM model embeddings on multiple-choice answers: questions split 80/10/10;"
        + " correctness accuracy against a KNN baseline, the router against the single best model and weighted"
        + " random, both beside the question's category as a baseline; a model folded in alone against full"
        + " training (each model held out in turn), routing time.")
public final class EmbedLlmEvalCommand implements Callable<Integer> {
  @Option(names = "--answers", required = true, description = "question_id,category,n_choices,gold_index,<model>... (as import-answers).")
  Path answers;

  @Option(names = "--items", required = true, description = "The questions' texts (.jsonl[.gz|.zst] or .csv, as import-items).")
  Path items;

  @Option(names = "--dimension", defaultValue = "16", split = ",", description = "Embedding width, or several"
      + " (8,16,32: each is run) (default ${DEFAULT-VALUE}).")
  int[] dimensions;

  @Option(names = "--epochs", defaultValue = "8", description = "Passes over the training pairs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--fold-in-models", defaultValue = "-1", description = "Models held out in turn for the fold-in"
      + " comparison (default: all).")
  int foldInModels;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and the training (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeds", defaultValue = "1", description = "Runs seeds --seed … --seed + N − 1 (the questions"
      + " encoded once); after each seed, mean ± standard deviation per dimension so far and, with several"
      + " dimensions, the test accuracy of the one each seed's validation questions chose (default ${DEFAULT-VALUE}).")
  int seeds;

  /** EmbedLLM's question encoder: the paper's kind (a pretrained sentence transformer) or the fallback. */
  enum Encoder { minilm, tfidf }

  @Option(names = "--encoder", defaultValue = "minilm", description = "EmbedLLM's question encoder: minilm"
      + " (all-MiniLM-L6-v2, 384 dimensions, from the jar) or tfidf (hashed TF-IDF, --bits; no weights) (default"
      + " ${DEFAULT-VALUE}). KNN keeps hashed TF-IDF in 2^14 buckets.")
  Encoder encoder;

  @Option(names = "--bits", defaultValue = "10", description = "With --encoder tfidf: hash into 2^bits buckets (default"
      + " ${DEFAULT-VALUE}).")
  int bits;

  @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Adam step size (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--decay", defaultValue = "1e-6", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  double decay;

  @Option(names = "--encoding-cache", description = "With --encoder minilm: read the questions' vectors from this"
      + " file where it has them (keyed by the encoder's id and a hash of each question's text), encode the others"
      + " and add them to it; a file of another encoder is refused.")
  Path encodingCache;

  @Option(names = "--benchmark-forecast", description = "Also predict each category's accuracy from embeddings trained"
      + " without it (EmbedLLM §5.3; one training per category).")
  boolean benchmarkForecast;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new UsageError("--seeds " + seeds + ": give 1 or more");
    }
    if (java.util.Arrays.stream(dimensions).anyMatch(d -> d < 1)) {
      throw new UsageError("--dimension " + java.util.Arrays.toString(dimensions) + ": each width must be 1 or more");
    }
    if (encoder == Encoder.tfidf) {
      if (encodingCache != null) {
        throw new UsageError("--encoding-cache " + encodingCache + ": applies to --encoder minilm only");
      }
      return evaluate(null);
    }
    try (MiniLmEncoder minilm = MiniLmEncoder.open()) {
      return evaluate(minilm);
    }
  }

  /** The protocols, with {@code pretrained} as the question encoder or, when null, hashed TF-IDF. */
  private int evaluate(MiniLmEncoder pretrained) throws java.io.IOException {
    AnswerTable table = AnswerTableReader.read(answers, "embedllm");
    Map<String, String> texts = QuestionTexts.byItemId(ItemFiles.read(items, "embedllm").items());
    List<McItem> questions = table.items().stream().filter(i -> texts.containsKey(i.getItemId().toString())).toList();
    if (questions.isEmpty()) {
      throw new UsageError(items.getFileName() + " holds none of the questions of " + answers.getFileName());
    }
    List<String> models = List.copyOf(table.answersByModel().keySet());
    CorrectnessMatrix correct = CorrectnessTable.of(table, questions, models);
    List<String> questionTexts = questions.stream().map(i -> texts.get(i.getItemId().toString())).toList();
    System.out.printf("embedllm-eval: %d models × %d questions%n", models.size(), questions.size());
    long encodingBegun = System.nanoTime();
    QuestionEncoding encoding = encode(pretrained, questionTexts);
    System.out.printf("encoded the questions with %s in %.1f s%n", encoder, (System.nanoTime() - encodingBegun) / 1e9);
    List<String> categories = questions.stream().map(i -> String.valueOf(i.getSubject())).toList();
    List<SeedScores> scores = new ArrayList<>();
    for (long s = seed; s < seed + seeds; s++) {
      scores.addAll(oneSplit(models, questionTexts, categories, correct, encoding, s));
      if (scores.size() > 1) {
        SeedScores.printSummary(scores); // after every seed, so that a run cut short still has its summary
      }
    }
    EmbedLlm.Settings settings = new EmbedLlm.Settings(dimensions[0], epochs, 256, learningRate, decay, seed);
    if (benchmarkForecast) {
      printForecast(questions, questionTexts, correct, encoding, settings);
    }
    return 0;
  }

  /** The questions' encoding: hashed TF-IDF, or the pretrained encoder's vectors (through the cache if given). */
  private QuestionEncoding encode(MiniLmEncoder pretrained, List<String> questionTexts) {
    if (pretrained == null) {
      return QuestionEncoding.tfIdf(bits);
    }
    if (encodingCache == null) {
      return QuestionEncoding.pretrained(pretrained, questionTexts);
    }
    EncodingCache cache;
    try {
      cache = EncodingCache.open(encodingCache, pretrained.id(), pretrained.dimension());
    } catch (IllegalArgumentException e) {
      throw new UsageError("--encoding-cache " + e.getMessage());
    }
    long cached = questionTexts.stream().distinct().filter(t -> cache.get(t) != null).count();
    System.out.printf("encoding cache %s: %d of the questions' vectors there, the others encoded now%n",
        encodingCache, cached);
    return QuestionEncoding.pretrained(pretrained, questionTexts, cache);
  }

  /**
   * One split (its KNN baseline and category router fitted once) and, per dimension, one training:
   * correctness and routing on validation and test, routing time and fold-in, printed; the scores returned.
   */
  private List<SeedScores> oneSplit(List<String> models, List<String> questionTexts, List<String> categories,
      CorrectnessMatrix correct, QuestionEncoding encoding, long seed) {
    QuestionSplit split = QuestionSplit.shuffled(questionTexts.size(), seed);
    List<Integer> train = split.train();
    List<Integer> test = split.test();
    QuestionEncoder encoder = encoding.fit(train.stream().map(questionTexts::get).toList());
    List<SparseVector> encoded = questionTexts.stream().map(encoder::encode).toList();
    KnnBaseline knn = KnnBaseline.fit(questionTexts, train);
    int k = knn.chooseK(correct, split.validation(), KnnBaseline.CANDIDATE_K);
    double knnAccuracy = correct.agreement(test, knn.predictions(correct, k));
    RouterQuality byCategory = RouterQuality.of(correct, train, test, CategoryRouter.fit(correct, categories, train));
    double categoryCorrectness = correct.agreement(test, CategoryCorrectness.fit(correct, categories, train));
    List<SeedScores> scores = new ArrayList<>();
    for (int dimension : dimensions) {
      System.out.printf("%n--- dimension %d, seed %d: %d train, %d validation, %d test questions%n", dimension, seed,
          train.size(), split.validation().size(), test.size());
      System.out.printf("question encoding: %s, %d dimensions%n", this.encoder, encoder.dimension());
      scores.add(oneTraining(models, questionTexts, correct, split, encoder, encoded, dimension, seed, knnAccuracy, k,
          byCategory.accuracy(), categoryCorrectness));
    }
    return scores;
  }

  private SeedScores oneTraining(List<String> models, List<String> questionTexts, CorrectnessMatrix correct,
      QuestionSplit split, QuestionEncoder encoder, List<SparseVector> encoded, int dimension, long seed,
      double knnAccuracy, int k, double categoryRouter, double categoryCorrectness) {
    List<Integer> train = split.train();
    List<Integer> validation = split.validation();
    List<Integer> test = split.test();
    EmbedLlm.Settings settings = new EmbedLlm.Settings(dimension, epochs, 256, learningRate, decay, seed);
    long begun = System.nanoTime();
    List<Correctness> observed = correct.observations(train, -1);
    EmbedLlm full = EmbedLlm.fit(models.size(), encoder, encoded, observed, settings);
    System.out.printf("trained %d-dimensional embeddings on %,d answers in %.1f s%n", dimension, observed.size(),
        (System.nanoTime() - begun) / 1e9);
    List<double[]> features = encoded.stream().map(x -> full.features(full.project(x))).toList();

    CorrectnessMatrix.Prediction predicted = (m, q) -> full.probability(full.embedding(m), features.get(q)) >= 0.5;
    double embedLlm = correct.agreement(test, predicted);
    double embedLlmValidation = correct.agreement(validation, predicted);
    System.out.printf("%ncorrectness accuracy on the test questions: EmbedLLM %.4f, KNN %.4f (k = %d, chosen on"
        + " validation), each model's training accuracy alone %.4f, on the question's category %.4f%n", embedLlm,
        knnAccuracy, k, correct.agreement(test, (m, q) -> correct.accuracy(m, train) >= 0.5), categoryCorrectness);
    RouterQuality router = RouterQuality.of(correct, train, test, q -> full.route(features.get(q)));
    double routerValidation = RouterQuality.of(correct, train, validation, q -> full.route(features.get(q))).accuracy();
    System.out.printf("router accuracy on the test questions: %.4f; single best model (%s) %.4f; weighted random %.4f;"
        + " each question to the best model on its category's training questions %.4f%n", router.accuracy(),
        models.get(router.singleBest()), router.singleBestAccuracy(), router.weightedRandom(), categoryRouter);
    System.out.printf("on the validation questions (to choose the dimension): correctness %.4f, router %.4f%n",
        embedLlmValidation, routerValidation);
    List<Integer> routed = RoutingTime.repeated(test, RoutingTime.QUESTIONS);
    System.out.printf("routing 3,000 questions: median %.1f ms from precomputed features, %.0f ms from their text"
        + " (encoding included, one thread)%n",
        RoutingTime.medianMs(() -> routed.stream().mapToInt(q -> full.route(features.get(q))).sum(), 20),
        RoutingTime.medianMs(() -> routed.stream().mapToInt(q -> full.route(full.features(full.project(
            encoder.encode(questionTexts.get(q)))))).sum(), 10));
    foldIn(models, encoder, encoded, correct, split, settings, full);
    return new SeedScores(dimension, seed, embedLlm, knnAccuracy, router.accuracy(), router.singleBestAccuracy(),
        router.weightedRandom(), categoryRouter, categoryCorrectness, embedLlmValidation, routerValidation);
  }

  /** Each model held out in turn: embeddings trained without it, its embedding fitted alone, both scored on its test answers. */
  private void foldIn(List<String> models, QuestionEncoder encoder, List<SparseVector> encoded,
      CorrectnessMatrix correct, QuestionSplit split, EmbedLlm.Settings settings, EmbedLlm full) {
    int count = foldInModels < 0 ? models.size() : Math.min(foldInModels, models.size());
    if (count == 0) {
      return;
    }
    System.out.printf("%nfold-in (embedding fitted alone, L2 %.1f) against full training, on each model's test answers:%n",
        FoldInComparison.L2);
    FoldInComparison.Summary summary = FoldInComparison.run(count, full, encoder, encoded, correct, split, settings,
        row -> System.out.printf("  %-40s fold-in %.4f, full training %.4f (fold-in %.0f ms, retraining %.1f s)%n",
            models.get(row.model()), row.foldIn(), row.full(), row.foldInMs(), row.retrainingSeconds()));
    System.out.printf("  mean over %d models: fold-in %.4f, full training %.4f%n", summary.models(),
        summary.meanFoldIn(), summary.meanFull());
  }

  /** EmbedLLM §5.3, one line per held-out category as it is done. */
  private void printForecast(List<McItem> questions, List<String> texts, CorrectnessMatrix correct,
      QuestionEncoding encoding, EmbedLlm.Settings settings) {
    int models = correct.models();
    int testModels = EmbedLlmForecast.testModels(models);
    System.out.printf("%nbenchmark accuracy from the embeddings (§5.3): each category held out of training; ridge on the"
        + " embeddings of %d models, Kendall's τ on the other %d, %d random splits; baseline: accuracy on the other"
        + " categories%n", models - testModels, testModels, EmbedLlmForecast.SPLITS);
    System.out.printf("  %-20s %9s %10s %12s %10s %12s%n", "category", "questions", "probe τ", "significant",
        "baseline τ", "significant");
    EmbedLlmForecast.run(questions, texts, correct, encoding, settings, c -> System.out.printf(
        "  %-20s %9d %10.3f %11.0f%% %10.3f %11.0f%%%n", c.category(), c.questions(), c.result().probeTau(),
        100 * c.result().probeSignificant(), c.result().baselineTau(), 100 * c.result().baselineSignificant()));
  }
}
