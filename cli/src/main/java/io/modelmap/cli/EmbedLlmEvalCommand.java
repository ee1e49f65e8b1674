package io.modelmap.cli;

import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.FoldIn;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.KnnCorrectness;
import io.modelmap.math.embed.RouterQuality;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.formats.benchmark.AnswerTableReader;
import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap embedllm-eval}: EmbedLLM's correctness, routing and fold-in protocols on a model × question table. */
@Command(name = "embedllm-eval", mixinStandardHelpOptions = true,
    description = "Evaluate EmbedLLM model embeddings on multiple-choice answers: questions split 80/10/10;"
        + " correctness accuracy against a KNN baseline, the router against the single best model and weighted"
        + " random, a model folded in alone against full training (each model held out in turn), routing time.")
final class EmbedLlmEvalCommand implements Callable<Integer> {
  @Option(names = "--answers", required = true, description = "question_id,category,n_choices,gold_index,<model>... (as import-answers).")
  Path answers;

  @Option(names = "--items", required = true, description = "The questions' texts (.jsonl[.gz|.zst] or .csv, as import-items).")
  Path items;

  @Option(names = "--dimension", defaultValue = "16", description = "Embedding width (default ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--epochs", defaultValue = "8", description = "Passes over the training pairs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--fold-in-models", defaultValue = "-1", description = "Models held out in turn for the fold-in"
      + " comparison (default: all).")
  int foldInModels;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and the training (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bits", defaultValue = "10", description = "EmbedLLM's encoder hashes into 2^bits buckets (default"
      + " ${DEFAULT-VALUE}; KNN keeps 2^14, its best here).")
  int bits;

  @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Adam step size (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--decay", defaultValue = "1e-6", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  double decay;

  @Option(names = "--benchmark-forecast", description = "Also predict each category's accuracy from embeddings trained"
      + " without it (EmbedLLM §5.3; one training per category).")
  boolean benchmarkForecast;

  private static final double FOLD_IN_L2 = 1.0;
  private static final int KNN_BITS = 14;

  @Override
  public Integer call() throws Exception {
    AnswerTable table = AnswerTableReader.read(answers, "embedllm");
    Map<String, String> texts = new HashMap<>();
    for (McItem item : ItemFiles.read(items, "embedllm").items()) {
      texts.put(item.getItemId().toString(), item.getQuestion() + "\n" + String.join("\n", item.getChoices().stream()
          .map(CharSequence::toString).toList()));
    }
    List<McItem> questions = table.items().stream().filter(i -> texts.containsKey(i.getItemId().toString())).toList();
    if (questions.isEmpty()) {
      throw new UsageError(items.getFileName() + " holds none of the questions of " + answers.getFileName());
    }
    List<String> models = List.copyOf(table.answersByModel().keySet());
    CorrectnessMatrix correct = correctness(table, questions, models);
    List<String> questionTexts = questions.stream().map(i -> texts.get(i.getItemId().toString())).toList();
    List<Integer> order = new ArrayList<>();
    for (int q = 0; q < questions.size(); q++) {
      order.add(q);
    }
    Collections.shuffle(order, new Random(seed));
    List<Integer> train = order.subList(0, (int) (0.8 * order.size()));
    List<Integer> valid = order.subList(train.size(), (int) (0.9 * order.size()));
    List<Integer> test = order.subList(train.size() + valid.size(), order.size());
    System.out.printf("embedllm-eval: %d models × %d questions; %d train, %d validation, %d test questions%n",
        models.size(), questions.size(), train.size(), valid.size(), test.size());

    HashedTfIdfEncoder encoder = encoder(questionTexts, train, bits);
    List<SparseVector> encoded = questionTexts.stream().map(encoder::encode).toList();
    EmbedLlm.Settings settings = new EmbedLlm.Settings(dimension, epochs, 256, learningRate, decay, seed);
    long begun = System.nanoTime();
    List<Correctness> observed = correct.observations(train, -1);
    EmbedLlm full = EmbedLlm.fit(models.size(), encoder, encoded, observed, settings);
    System.out.printf("trained %d-dimensional embeddings on %,d answers in %.1f s%n", dimension, observed.size(),
        (System.nanoTime() - begun) / 1e9);
    List<double[]> features = encoded.stream().map(x -> full.features(full.project(x))).toList();

    HashedTfIdfEncoder knnEncoder = encoder(questionTexts, train, KNN_BITS);
    List<SparseVector> knnEncoded = questionTexts.stream().map(knnEncoder::encode).toList();
    KnnCorrectness knn = new KnnCorrectness(knnEncoder.dimension(), train.stream().map(knnEncoded::get).toList());
    int k = 0;
    double bestValid = -1;
    for (int candidate : new int[] {5, 15, 51}) {
      double a = correct.agreement(valid, KnnCorrectness.predictions(knn, knnEncoded, train, correct, candidate));
      if (a > bestValid) {
        bestValid = a;
        k = candidate;
      }
    }
    System.out.printf("%ncorrectness accuracy on the test questions: EmbedLLM %.4f, KNN %.4f (k = %d, chosen on"
        + " validation), each model's training accuracy alone %.4f%n",
        correct.agreement(test, (m, q) -> full.probability(full.embedding(m), features.get(q)) >= 0.5),
        correct.agreement(test, KnnCorrectness.predictions(knn, knnEncoded, train, correct, k)), k,
        correct.agreement(test, (m, q) -> correct.accuracy(m, train) >= 0.5));
    RouterQuality router = RouterQuality.of(correct, train, test, q -> full.route(features.get(q)));
    System.out.printf("router accuracy on the test questions: %.4f; single best model (%s) %.4f; weighted random %.4f%n",
        router.accuracy(), models.get(router.singleBest()), router.singleBestAccuracy(), router.weightedRandom());
    List<Integer> routed = new ArrayList<>(); // 3,000 test questions, the test set repeated as needed
    while (routed.size() < 3000) {
      routed.addAll(test.subList(0, Math.min(test.size(), 3000 - routed.size())));
    }
    System.out.printf("routing 3,000 questions: median %.1f ms from precomputed features, %.0f ms from their text"
        + " (encoding included, one thread)%n",
        medianMs(() -> routed.stream().mapToInt(q -> full.route(features.get(q))).sum(), 20),
        medianMs(() -> routed.stream().mapToInt(q -> full.route(full.features(full.project(
            encoder.encode(questionTexts.get(q)))))).sum(), 10));
    foldIn(models, encoder, encoded, correct, train, test, settings, full);
    if (benchmarkForecast) {
      EmbedLlmForecast.print(questions, questionTexts, correct, bits, settings, System.out);
    }
    return 0;
  }

  private static HashedTfIdfEncoder encoder(List<String> texts, List<Integer> train, int bits) {
    return HashedTfIdfEncoder.fit(train.stream().map(texts::get).toList(), bits);
  }

  /** The median wall time of {@code runs} calls of {@code work}, in milliseconds. */
  private static double medianMs(java.util.function.IntSupplier work, int runs) {
    double[] times = new double[runs];
    int sink = 0;
    for (int r = 0; r < runs; r++) {
      long begun = System.nanoTime();
      sink += work.getAsInt();
      times[r] = (System.nanoTime() - begun) / 1e6;
    }
    Arrays.sort(times);
    return times[runs / 2] + (sink == Integer.MIN_VALUE ? 1 : 0); // the sink keeps the work from being elided
  }

  private static CorrectnessMatrix correctness(AnswerTable table, List<McItem> questions, List<String> models) {
    Map<String, Integer> index = new HashMap<>();
    for (int q = 0; q < questions.size(); q++) {
      index.put(questions.get(q).getItemId().toString(), q);
    }
    int[][] cells = new int[models.size()][questions.size()];
    for (int m = 0; m < models.size(); m++) {
      Arrays.fill(cells[m], -1);
      for (McAnswer a : table.answersByModel().get(models.get(m))) {
        Integer q = index.get(a.getItemId().toString());
        if (q != null) { // an unreadable answer (−1) is wrong
          cells[m][q] = a.getChosenIndex() == questions.get(q).getGoldIndex() ? 1 : 0;
        }
      }
    }
    return new CorrectnessMatrix(cells);
  }

  /** Each model held out in turn: embeddings trained without it, its embedding fitted alone, both scored on its test answers. */
  private void foldIn(List<String> models, HashedTfIdfEncoder encoder, List<SparseVector> encoded,
      CorrectnessMatrix correct, List<Integer> train, List<Integer> test, EmbedLlm.Settings settings, EmbedLlm full) {
    int count = foldInModels < 0 ? models.size() : Math.min(foldInModels, models.size());
    if (count == 0) {
      return;
    }
    System.out.printf("%nfold-in (embedding fitted alone, L2 %.1f) against full training, on each model's test answers:%n",
        FOLD_IN_L2);
    double sumFold = 0;
    double sumFull = 0;
    for (int m = 0; m < count; m++) {
      long begun = System.nanoTime();
      EmbedLlm without = EmbedLlm.fit(models.size(), encoder, encoded, correct.observations(train, m), settings);
      List<Integer> answered = answered(correct, m, train);
      boolean[] y = new boolean[answered.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = correct.right(m, answered.get(i));
      }
      long fold = System.nanoTime();
      double[] e = FoldIn.embedding(answered.stream().map(q -> without.features(without.project(encoded.get(q))))
          .toList(), y, without.bias(), FOLD_IN_L2);
      double foldMs = (System.nanoTime() - fold) / 1e6;
      double a = accuracy(without, e, encoded, correct, m, test);
      double b = accuracy(full, full.embedding(m), encoded, correct, m, test);
      sumFold += a;
      sumFull += b;
      System.out.printf("  %-40s fold-in %.4f, full training %.4f (fold-in %.0f ms, retraining %.1f s)%n", models.get(m),
          a, b, foldMs, (fold - begun) / 1e9);
    }
    System.out.printf("  mean over %d models: fold-in %.4f, full training %.4f%n", count, sumFold / count, sumFull / count);
  }

  private static List<Integer> answered(CorrectnessMatrix correct, int model, List<Integer> questions) {
    return questions.stream().filter(q -> correct.answered(model, q)).toList();
  }

  /** One model's correctness accuracy on its answered test questions, with {@code embedding}. */
  private static double accuracy(EmbedLlm model, double[] embedding, List<SparseVector> encoded,
      CorrectnessMatrix correct, int m, List<Integer> test) {
    List<Integer> answered = answered(correct, m, test);
    long agree = answered.stream().filter(q -> (model.probability(embedding,
        model.features(model.project(encoded.get(q)))) >= 0.5) == correct.right(m, q)).count();
    return (double) agree / answered.size();
  }
}
