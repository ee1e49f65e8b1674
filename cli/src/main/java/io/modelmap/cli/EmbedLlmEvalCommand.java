package io.modelmap.cli;

import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.FoldIn;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.KnnCorrectness;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.producer.benchmark.AnswerTable;
import io.modelmap.producer.benchmark.AnswerTableReader;
import io.modelmap.producer.benchmark.ItemFiles;
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
    int[][] correct = correctness(table, questions, models);
    List<Integer> order = new ArrayList<>();
    for (int q = 0; q < questions.size(); q++) {
      order.add(q);
    }
    Collections.shuffle(order, new Random(seed));
    int trainEnd = (int) (0.8 * order.size());
    int validEnd = (int) (0.9 * order.size());
    List<Integer> train = order.subList(0, trainEnd);
    List<Integer> valid = order.subList(trainEnd, validEnd);
    List<Integer> test = order.subList(validEnd, order.size());
    System.out.printf("embedllm-eval: %d models × %d questions; %d train, %d validation, %d test questions%n",
        models.size(), questions.size(), train.size(), valid.size(), test.size());

    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(train.stream()
        .map(q -> texts.get(questions.get(q).getItemId().toString())).toList(), bits);
    List<SparseVector> encoded = questions.stream().map(i -> encoder.encode(texts.get(i.getItemId().toString()))).toList();
    EmbedLlm.Settings settings = new EmbedLlm.Settings(dimension, epochs, 256, learningRate, decay, seed);
    long begun = System.nanoTime();
    EmbedLlm full = EmbedLlm.fit(models.size(), encoder, encoded, pairs(correct, train, -1), settings);
    System.out.printf("trained %d-dimensional embeddings on %,d answers in %.1f s%n", dimension,
        pairs(correct, train, -1).size(), (System.nanoTime() - begun) / 1e9);

    double[][][] features = features(full, encoded);
    HashedTfIdfEncoder knnEncoder = HashedTfIdfEncoder.fit(train.stream()
        .map(q -> texts.get(questions.get(q).getItemId().toString())).toList(), KNN_BITS);
    List<SparseVector> knnEncoded = questions.stream()
        .map(i -> knnEncoder.encode(texts.get(i.getItemId().toString()))).toList();
    int k = bestK(knnEncoder, knnEncoded, correct, train, valid);
    System.out.printf("%ncorrectness accuracy on the test questions: EmbedLLM %.4f, KNN %.4f (k = %d, chosen on"
        + " validation), each model's training accuracy alone %.4f%n", accuracy(full, features, correct, test,
        models.size()), knn(knnEncoder, knnEncoded, correct, train, test, k), k, baseRate(correct, train, test));
    route(full, features, correct, train, test, models);
    routeFromText(full, encoder, test.stream().map(q -> texts.get(questions.get(q).getItemId().toString())).toList(),
        models.size());
    foldIn(models, encoder, encoded, correct, train, test, settings, full);
    return 0;
  }

  /** [model][question]: 1 right, 0 wrong (−1, an unreadable answer, is wrong), −1 not answered. */
  private static int[][] correctness(AnswerTable table, List<McItem> questions, List<String> models) {
    Map<String, Integer> index = new HashMap<>();
    for (int q = 0; q < questions.size(); q++) {
      index.put(questions.get(q).getItemId().toString(), q);
    }
    int[][] correct = new int[models.size()][questions.size()];
    for (int m = 0; m < models.size(); m++) {
      Arrays.fill(correct[m], -1);
      for (McAnswer a : table.answersByModel().get(models.get(m))) {
        Integer q = index.get(a.getItemId().toString());
        if (q != null) {
          correct[m][q] = a.getChosenIndex() == questions.get(q).getGoldIndex() ? 1 : 0;
        }
      }
    }
    return correct;
  }

  private static List<Correctness> pairs(int[][] correct, List<Integer> questions, int leaveOut) {
    List<Correctness> out = new ArrayList<>();
    for (int m = 0; m < correct.length; m++) {
      if (m == leaveOut) {
        continue;
      }
      for (int q : questions) {
        if (correct[m][q] >= 0) {
          out.add(new Correctness(m, q, correct[m][q] == 1));
        }
      }
    }
    return out;
  }

  /** [question][model] decoder features w ⊙ W x_q, the same for every model: [question][0]. */
  private static double[][][] features(EmbedLlm model, List<SparseVector> encoded) {
    double[][][] f = new double[encoded.size()][1][];
    for (int q = 0; q < encoded.size(); q++) {
      f[q][0] = model.features(model.project(encoded.get(q)));
    }
    return f;
  }

  private static double accuracy(EmbedLlm model, double[][][] features, int[][] correct, List<Integer> questions,
      int models) {
    long right = 0;
    long total = 0;
    for (int m = 0; m < models; m++) {
      double[] e = model.embedding(m);
      for (int q : questions) {
        if (correct[m][q] >= 0) {
          boolean predicted = model.probability(e, features[q][0]) >= 0.5;
          right += predicted == (correct[m][q] == 1) ? 1 : 0;
          total++;
        }
      }
    }
    return (double) right / total;
  }

  private static int bestK(HashedTfIdfEncoder encoder, List<SparseVector> encoded, int[][] correct, List<Integer> train,
      List<Integer> valid) {
    int best = 1;
    double bestAccuracy = -1;
    for (int k : new int[] {5, 15, 51}) {
      double a = knn(encoder, encoded, correct, train, valid, k);
      if (a > bestAccuracy) {
        bestAccuracy = a;
        best = k;
      }
    }
    return best;
  }

  private static double knn(HashedTfIdfEncoder encoder, List<SparseVector> encoded, int[][] correct,
      List<Integer> train, List<Integer> questions, int k) {
    KnnCorrectness knn = new KnnCorrectness(encoder.dimension(), train.stream().map(encoded::get).toList());
    long right = 0;
    long total = 0;
    for (int q : questions) {
      int[] neighbours = Arrays.stream(knn.neighbours(encoded.get(q), k)).map(train::get).toArray();
      for (int m = 0; m < correct.length; m++) {
        if (correct[m][q] >= 0) {
          right += KnnCorrectness.vote(neighbours, correct[m], true) == (correct[m][q] == 1) ? 1 : 0;
          total++;
        }
      }
    }
    return (double) right / total;
  }

  /** The router (highest predicted correctness) against the single best model and a weighted random router. */
  private static void route(EmbedLlm model, double[][][] features, int[][] correct, List<Integer> train,
      List<Integer> test, List<String> models) {
    int[] chosen = new int[models.size()];
    double right = 0;
    for (int q : test) {
      int m = argmax(model, features[q][0], models.size());
      chosen[m]++;
      right += correct[m][q] == 1 ? 1 : 0;
    }
    int single = 0;
    double singleTrain = -1;
    for (int m = 0; m < models.size(); m++) {
      double a = share(correct[m], train);
      if (a > singleTrain) {
        singleTrain = a;
        single = m;
      }
    }
    double weighted = 0;
    for (int m = 0; m < models.size(); m++) {
      weighted += (double) chosen[m] / test.size() * share(correct[m], test);
    }
    System.out.printf("router accuracy on the test questions: %.4f; single best model (%s) %.4f; weighted random %.4f%n",
        right / test.size(), models.get(single), share(correct[single], test), weighted);
    // the time to route 3,000 questions from their encodings: projection, features, every model's score
    List<Integer> batch = new ArrayList<>();
    while (batch.size() < 3000) {
      batch.addAll(test);
    }
    List<Integer> three = batch.subList(0, 3000);
    double[] times = new double[20];
    for (int r = 0; r < times.length; r++) {
      long begun = System.nanoTime();
      int sink = 0;
      for (int q : three) {
        sink += argmax(model, features[q][0], models.size());
      }
      times[r] = (System.nanoTime() - begun) / 1e6 + (sink < 0 ? 1 : 0);
    }
    Arrays.sort(times);
    System.out.printf("routing 3,000 questions (features precomputed): median %.2f ms over %d runs%n",
        times[times.length / 2], times.length);
  }

  /** Each model's test answers predicted by whether it got at least half of its training answers right. */
  private static double baseRate(int[][] correct, List<Integer> train, List<Integer> test) {
    long right = 0;
    long total = 0;
    for (int[] row : correct) {
      boolean usually = share(row, train) >= 0.5;
      for (int q : test) {
        if (row[q] >= 0) {
          right += (row[q] == 1) == usually ? 1 : 0;
          total++;
        }
      }
    }
    return (double) right / total;
  }

  /** Routing from the question's text: encoding, projection and every model's score, for 3,000 questions. */
  private static void routeFromText(EmbedLlm model, HashedTfIdfEncoder encoder, List<String> texts, int models) {
    List<String> three = new ArrayList<>();
    while (three.size() < 3000) {
      three.addAll(texts);
    }
    double[] times = new double[10];
    for (int r = 0; r < times.length; r++) {
      long begun = System.nanoTime();
      int sink = 0;
      for (String text : three.subList(0, 3000)) {
        sink += argmax(model, model.features(model.project(encoder.encode(text))), models);
      }
      times[r] = (System.nanoTime() - begun) / 1e6 + (sink < 0 ? 1 : 0);
    }
    Arrays.sort(times);
    System.out.printf("routing 3,000 questions from their text (encoding included, one thread): median %.0f ms over %d"
        + " runs%n", times[times.length / 2], times.length);
  }

  private static int argmax(EmbedLlm model, double[] features, int models) {
    int best = 0;
    double bestP = -1;
    for (int m = 0; m < models; m++) {
      double p = model.probability(model.embedding(m), features);
      if (p > bestP) {
        bestP = p;
        best = m;
      }
    }
    return best;
  }

  private static double share(int[] correct, List<Integer> questions) {
    long right = 0;
    long total = 0;
    for (int q : questions) {
      if (correct[q] >= 0) {
        right += correct[q];
        total++;
      }
    }
    return total == 0 ? 0 : (double) right / total;
  }

  /** Each model held out in turn: embeddings trained without it, its embedding fitted alone, both scored on its test answers. */
  private void foldIn(List<String> models, HashedTfIdfEncoder encoder, List<SparseVector> encoded, int[][] correct,
      List<Integer> train, List<Integer> test, EmbedLlm.Settings settings, EmbedLlm full) {
    int count = foldInModels < 0 ? models.size() : Math.min(foldInModels, models.size());
    System.out.printf("%nfold-in (embedding fitted alone, L2 %.1f) against full training, on each model's test answers:%n",
        FOLD_IN_L2);
    double sumFold = 0;
    double sumFull = 0;
    for (int m = 0; m < count; m++) {
      long begun = System.nanoTime();
      EmbedLlm without = EmbedLlm.fit(models.size(), encoder, encoded, pairs(correct, train, m), settings);
      List<double[]> features = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      for (int q : train) {
        if (correct[m][q] >= 0) {
          features.add(without.features(without.project(encoded.get(q))));
          labels.add(correct[m][q] == 1);
        }
      }
      boolean[] y = new boolean[labels.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = labels.get(i);
      }
      long fold = System.nanoTime();
      double[] e = FoldIn.embedding(features, y, without.bias(), FOLD_IN_L2);
      double foldMs = (System.nanoTime() - fold) / 1e6;
      double a = modelAccuracy(without, e, encoded, correct[m], test);
      double b = modelAccuracy(full, full.embedding(m), encoded, correct[m], test);
      sumFold += a;
      sumFull += b;
      System.out.printf("  %-40s fold-in %.4f, full training %.4f (fold-in %.0f ms, retraining %.1f s)%n", models.get(m),
          a, b, foldMs, (fold - begun) / 1e9);
    }
    System.out.printf("  mean over %d models: fold-in %.4f, full training %.4f%n", count, sumFold / count, sumFull / count);
  }

  private static double modelAccuracy(EmbedLlm model, double[] embedding, List<SparseVector> encoded, int[] correct,
      List<Integer> test) {
    long right = 0;
    long total = 0;
    for (int q : test) {
      if (correct[q] >= 0) {
        boolean predicted = model.probability(embedding, model.features(model.project(encoded.get(q)))) >= 0.5;
        right += predicted == (correct[q] == 1) ? 1 : 0;
        total++;
      }
    }
    return (double) right / total;
  }
}
