package io.modelmap.aggregator.embedding;

import io.modelmap.aggregator.support.StoreEntries;
import io.modelmap.aggregator.agreement.AgreementStores;
import io.modelmap.aggregator.support.BackgroundBudget;
import io.modelmap.aggregator.support.BackgroundJobs;
import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.FoldIn;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.key.CompositeKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * EmbedLLM on {@code mc-answers}: a full training of every model's embedding with the question side
 * (in the background, at most once per retrain interval), and in between each new model folded in alone
 * against the frozen question side ({@link FoldIn}: convex, one optimum), published on
 * {@code model-embeddings} at the next punctuation after its answers. The current {@link Router} is
 * kept in {@value EmbeddingStores#ROUTER} for /api/route, beside one router per benchmark trained without that
 * benchmark's answers ({@link EmbeddingTraining}); each published embedding carries the model's vectors from
 * those, which the embedding forecast of that benchmark uses, so it never sees the answers it forecasts.
 * With all-MiniLM-L6-v2 ({@link QuestionEncoding#MINILM}) each item's question is encoded once, in batches on the
 * background thread, and kept in {@value EmbeddingStores#ENCODED}; a question counts once it is encoded.
 * Runs beside the agreement processor on the
 * same items and answers, after it, and reads the answers it stored.
 */
public final class EmbeddingProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddingProcessor.class);
  private static final Duration PUNCTUATION = Duration.ofSeconds(2);
  private static final double BACKGROUND_SHARE = 0.5;
  private static final String TRAINING_JOB = "embeddings";
  private static final String ENCODING_JOB = "encodings";
  /** Questions per background encoding job: a few seconds of MiniLM at a time, then the stream thread stores them. */
  private static final int ENCODING_BATCH = 256;
  private final EmbeddingSettings settings;
  private final org.apache.kafka.common.serialization.Deserializer<McAnswers> answersDecoder;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> pendingAnswers;
  private KeyValueStore<String, byte[]> items;
  private KeyValueStore<String, byte[]> answers;
  private KeyValueStore<String, byte[]> questions;
  private KeyValueStore<String, byte[]> routerStore;
  private KeyValueStore<String, byte[]> encoded;
  private final Set<String> toEncode = new LinkedHashSet<>(); // MiniLM: question keys not yet encoded
  private ExecutorService background;
  private BackgroundJobs<EmbeddingTraining.Trained> trainings;
  private BackgroundJobs<Map<String, SparseVector>> encodings;
  private Router router;
  private final Map<String, Router> leftOut = new TreeMap<>(); // benchmark → the router trained without it
  private final Set<String> trained = new TreeSet<>(); // models of the current training
  private final Set<String> answered = new TreeSet<>(); // models with any answer
  private final Set<String> foldInDue = new LinkedHashSet<>();
  private final Map<String, double[]> features = new HashMap<>(); // question key → features, this version
  private boolean retrainDue;
  private boolean parkedAnswersRead;
  private long lastTrainingMs = Long.MIN_VALUE / 2;
  private long lastChangeMs = Long.MIN_VALUE / 2;

  /** @param answersDecoder reads the answers the agreement parked (they wait for their items) */
  public EmbeddingProcessor(EmbeddingSettings settings,
      org.apache.kafka.common.serialization.Deserializer<McAnswers> answersDecoder) {
    this.settings = settings;
    this.answersDecoder = answersDecoder;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    items = context.getStateStore(AgreementStores.ITEMS);
    answers = context.getStateStore(AgreementStores.ANSWERS);
    questions = context.getStateStore(EmbeddingStores.QUESTIONS);
    routerStore = context.getStateStore(EmbeddingStores.ROUTER);
    encoded = context.getStateStore(EmbeddingStores.ENCODED);
    pendingAnswers = context.getStateStore(AgreementStores.PENDING);
    restore();
    background = BackgroundJobs.daemonThread("embedding-background-" + context.taskId());
    BackgroundBudget budget = new BackgroundBudget(BACKGROUND_SHARE, System::nanoTime);
    trainings = new BackgroundJobs<>(background, budget);
    encodings = new BackgroundJobs<>(background, budget);
    context.schedule(PUNCTUATION, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  /** Memory from the stores alone; models answered but not in the stored training are folded in again. */
  private void restore() {
    router = null;
    foldInDue.clear();
    trained.clear();
    answered.clear();
    features.clear();
    leftOut.clear();
    toEncode.clear();
    if (miniLm()) {
      StoreEntries.forEach(questions, (key, value) -> {
        if (encoded.get(key) == null) {
          toEncode.add(key);
        }
      });
    }
    byte[] stored = routerStore.get(EmbeddingStores.CURRENT);
    if (stored != null) {
      router = Router.fromBytes(stored);
      StoreEntries.forEach(routerStore, (key, value) -> EmbeddingStores.leftOutBenchmark(key)
          .ifPresent(benchmark -> leftOut.put(benchmark, Router.fromBytes(value))));
    }
    StoreEntries.forEach(answers, (key, value) -> answered.add(AgreementStores.split(key)[0]));
    parkedAnswersRead = false; // at the first punctuation: decoding them may need the schema registry
    if (router != null) {
      answered.stream().filter(router::knows).forEach(trained::add); // folded-in ones are refitted: cheap
      answered.stream().filter(m -> !trained.contains(m)).forEach(foldInDue::add);
    }
    retrainDue = !answered.isEmpty();
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    lastChangeMs = context.currentSystemTimeMs();
    if (record.value() instanceof McItem item) {
      String key = CompositeKey.of(item.getBenchmarkId(), item.getItemId());
      if (item.getQuestion().toString().isBlank()) {
        return; // an answer table's item has no text to encode: embeddings learn from items with their questions
      }
      StringBuilder text = new StringBuilder(item.getQuestion());
      item.getChoices().forEach(choice -> text.append('\n').append(choice));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      boolean same = java.util.Arrays.equals(questions.get(key), bytes);
      questions.put(key, bytes);
      features.remove(key);
      if (miniLm() && !(same && encoded.get(key) != null)) { // once per item: a republished item is not encoded again
        encoded.delete(key);
        toEncode.add(key);
      }
      foldInDue.addAll(answered.stream().filter(m -> !trained.contains(m)).toList()); // parked answers may now count
      retrainDue = true;
    } else if (record.value() instanceof McAnswers batch) {
      String model = batch.getModelId().toString();
      answered.add(model);
      if (!trained.contains(model)) {
        foldInDue.add(model);
      }
      retrainDue = true;
    } else {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
  }

  private void punctuate(long now) {
    if (!parkedAnswersRead) {
      // answers the agreement parked before a stop are applied after it and never reach this processor again;
      // read both stores now, on this thread: each parked record is in one of them (it may have been applied
      // since init, which read the answers alone)
      Set<String> found = new TreeSet<>();
      StoreEntries.forEach(pendingAnswers, (key, value) -> {
        io.modelmap.aggregator.ingest.ParkedRecord parked = io.modelmap.aggregator.ingest.ParkedRecord.decode(value);
        found.add(answersDecoder.deserialize(parked.source().topic(), parked.encodedValue()).getModelId());
      });
      StoreEntries.forEach(answers, (key, value) -> found.add(AgreementStores.split(key)[0]));
      for (String model : found) {
        if (answered.add(model) && router != null && !trained.contains(model)) {
          foldInDue.add(model);
        }
      }
      parkedAnswersRead = true;
    }
    trainings.drainFinished().forEach((key, result) -> install(result, now));
    encodings.drainFinished().forEach((key, result) -> store(result));
    if (!toEncode.isEmpty() && encodings.idle()) {
      encodeInBackground();
    }
    boolean first = router == null && answered.size() >= settings.minModels();
    boolean scheduled = router != null && now - lastTrainingMs >= settings.retrainInterval().toMillis();
    // quiet, and every question encoded: a bulk import is trained as one
    boolean settled = now - lastChangeMs >= settings.quiet().toMillis() && toEncode.isEmpty() && encodings.idle();
    if (retrainDue && settled && (first || scheduled) && trainings.idle() && trainings.mayStart()) {
      EmbeddingTraining snapshot = snapshot(router == null ? 1 : router.version() + 1);
      if (snapshot.questionTexts().size() >= settings.minQuestions() && snapshot.models().size() >= settings.minModels()) {
        retrainDue = false;
        trainings.submit(TRAINING_JOB, () -> {
          long start = System.nanoTime();
          EmbeddingTraining.Trained trained = snapshot.fit();
          LOG.info("model embeddings version {} trained on {} answers of {} models to {} questions in {} ms",
              snapshot.version(), snapshot.observations().size(), snapshot.models().size(),
              snapshot.questionTexts().size(), (System.nanoTime() - start) / 1_000_000);
          return trained;
        });
      }
    }
    if (router != null && !foldInDue.isEmpty()) {
      Set<String> waiting = new LinkedHashSet<>();
      for (String model : foldInDue) {
        if (!foldIn(model, now)) {
          waiting.add(model); // its answers wait for their items in the agreement: next time
        }
      }
      foldInDue.clear();
      foldInDue.addAll(waiting);
      storeRouters();
    }
  }

  private boolean miniLm() {
    return settings.encoding() == QuestionEncoding.MINILM;
  }

  /** The next batch of questions to MiniLM, off the stream thread (a quarter second a question on 2 busy cores). */
  private void encodeInBackground() {
    Map<String, String> batch = new LinkedHashMap<>();
    for (String key : toEncode) {
      byte[] text = questions.get(key);
      if (text != null) {
        batch.put(key, new String(text, StandardCharsets.UTF_8));
      }
      if (batch.size() == ENCODING_BATCH) {
        break;
      }
    }
    toEncode.removeAll(batch.keySet());
    toEncode.removeIf(key -> questions.get(key) == null);
    if (!batch.isEmpty()) {
      encodings.submit(ENCODING_JOB, () -> {
        List<String> keys = new ArrayList<>(batch.keySet());
        List<SparseVector> vectors = SharedMiniLm.get().encodeAll(new ArrayList<>(batch.values()));
        Map<String, SparseVector> result = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          result.put(keys.get(i), vectors.get(i));
        }
        return result;
      });
    }
  }

  /** Newly encoded questions count from now: answers to them may fold a model in or start a training. */
  private void store(Map<String, SparseVector> result) {
    result.forEach((key, vector) -> {
      if (!toEncode.contains(key)) { // else its text changed meanwhile: encoded again
        encoded.put(key, EmbeddingStores.encoding(vector));
      }
    });
    foldInDue.addAll(answered.stream().filter(m -> !trained.contains(m)).toList());
    retrainDue = true;
    lastChangeMs = context.currentSystemTimeMs();
  }

  /** The question's encoding: MiniLM's stored one (null until encoded), else the router's TF-IDF. */
  private SparseVector encoding(String questionKey, String text, Router against) {
    if (miniLm()) {
      byte[] stored = encoded.get(questionKey);
      return stored == null ? null : EmbeddingStores.encoding(stored);
    }
    return against.encode(text);
  }

  private void install(EmbeddingTraining.Trained result, long now) {
    router = result.router();
    leftOut.keySet().stream().filter(b -> !result.leftOut().containsKey(b))
        .forEach(b -> routerStore.delete(EmbeddingStores.leftOutKey(b)));
    leftOut.clear();
    leftOut.putAll(result.leftOut());
    lastTrainingMs = now;
    features.clear();
    trained.clear();
    trained.addAll(result.models().keySet());
    result.models().forEach((model, fitted) -> publish(model, fitted, leftOutVectors(model), "retrained", now));
    foldInDue.removeAll(trained);
    answered.stream().filter(m -> !trained.contains(m)).forEach(foldInDue::add); // answered since the snapshot
    storeRouters();
  }

  private void storeRouters() {
    routerStore.put(EmbeddingStores.CURRENT, router.toBytes());
    leftOut.forEach((benchmark, r) -> routerStore.put(EmbeddingStores.leftOutKey(benchmark), r.toBytes()));
  }

  /** The model's vectors from the trainings without each benchmark, where it answered anything else. */
  private Map<String, double[]> leftOutVectors(String model) {
    Map<String, double[]> vectors = new TreeMap<>();
    leftOut.forEach((benchmark, r) -> r.embedding(model).ifPresent(v -> vectors.put(benchmark, v)));
    return vectors;
  }

  /**
   * The model's embedding alone, against the frozen question side, from its answers to training questions;
   * false when none of its answers is stored yet (they wait for their items), true when done or none counts.
   */
  private boolean foldIn(String model, long now) {
    List<FittedEmbedding.Answer> own = new ArrayList<>();
    List<String> ownTexts = new ArrayList<>();
    List<String> ownQuestions = new ArrayList<>();
    boolean stored = false;
    try (KeyValueIterator<String, byte[]> it = answers.prefixScan(AgreementStores.answerPrefix(model),
        Serdes.String().serializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        stored = true;
        String question = AgreementStores.split(entry.key)[1];
        byte[] item = items.get(question);
        byte[] text = questions.get(question);
        SparseVector x = text == null ? null : encoding(question, new String(text, StandardCharsets.UTF_8), router);
        if (item != null && x != null) {
          boolean right = AgreementStores.chosenIndex(entry.value) == AgreementStores.gold(item);
          own.add(new FittedEmbedding.Answer(features.computeIfAbsent(question, q -> router.questionSide().features(x)),
              right, heldOut(question), benchmarkOf(question)));
          ownQuestions.add(question);
          ownTexts.add(new String(text, StandardCharsets.UTF_8));
        }
      }
    }
    List<FittedEmbedding.Answer> fitted = own.stream().filter(a -> !a.heldOut()).toList();
    if (fitted.isEmpty()) {
      return stored;
    }
    double[] embedding = foldIn(fitted.stream().map(FittedEmbedding.Answer::features).toList(),
        fitted.stream().map(FittedEmbedding.Answer::correct).toList(), router);
    router.put(model, embedding);
    leftOut.forEach((benchmark, without) -> {
      List<double[]> otherFeatures = new ArrayList<>();
      List<Boolean> otherCorrect = new ArrayList<>();
      for (int i = 0; i < own.size(); i++) {
        FittedEmbedding.Answer a = own.get(i);
        if (!a.heldOut() && !a.benchmark().equals(benchmark)) {
          otherFeatures.add(without.questionSide().features(encoding(ownQuestions.get(i), ownTexts.get(i), without)));
          otherCorrect.add(a.correct());
        }
      }
      if (!otherFeatures.isEmpty()) {
        without.put(model, foldIn(otherFeatures, otherCorrect, without));
      }
    });
    publish(model, FittedEmbedding.of(embedding, router.questionSide(), own), leftOutVectors(model), "fold-in", now);
    return true;
  }

  private static double[] foldIn(List<double[]> features, List<Boolean> right, Router against) {
    boolean[] correct = new boolean[right.size()];
    for (int i = 0; i < correct.length; i++) {
      correct[i] = right.get(i);
    }
    return FoldIn.embedding(features, correct, against.questionSide().bias(), EmbeddingSettings.FOLD_IN_PENALTY);
  }

  /** The benchmark of a question key (benchmarkId/itemId). */
  private static String benchmarkOf(String questionKey) {
    return CompositeKey.split(questionKey).get(0);
  }

  /** Every stored answer whose item and question text are known, indexed for a training. */
  private EmbeddingTraining snapshot(int version) {
    Map<String, Integer> questionIndex = new TreeMap<>();
    StoreEntries.forEach(questions, (key, value) -> {
      if (items.get(key) != null && (!miniLm() || encoded.get(key) != null)) {
        questionIndex.put(key, 0);
      }
    });
    List<String> keys = new ArrayList<>(questionIndex.keySet());
    List<String> texts = new ArrayList<>();
    List<String> benchmarks = new ArrayList<>();
    List<SparseVector> vectors = new ArrayList<>();
    boolean[] heldOut = new boolean[keys.size()];
    for (int q = 0; q < keys.size(); q++) {
      questionIndex.put(keys.get(q), q);
      texts.add(new String(questions.get(keys.get(q)), StandardCharsets.UTF_8));
      benchmarks.add(benchmarkOf(keys.get(q)));
      if (miniLm()) {
        vectors.add(EmbeddingStores.encoding(encoded.get(keys.get(q))));
      }
      heldOut[q] = heldOut(keys.get(q));
    }
    // only models with a stored answer to a question are trained: one whose answers still wait for their
    // items in the agreement is folded in once they are applied, never given an embedding of nothing
    Set<String> answering = new java.util.HashSet<>();
    StoreEntries.forEach(answers, (key, value) -> {
      String[] parts = AgreementStores.split(key);
      if (questionIndex.containsKey(parts[1]) && answered.contains(parts[0])) {
        answering.add(parts[0]);
      }
    });
    List<String> models = answered.stream().filter(answering::contains).toList();
    Map<String, Integer> modelIndex = new HashMap<>();
    models.forEach(m -> modelIndex.put(m, modelIndex.size()));
    Map<String, Integer> gold = new HashMap<>();
    List<Correctness> observations = new ArrayList<>();
    StoreEntries.forEach(answers, (key, value) -> {
      String[] parts = AgreementStores.split(key);
      Integer q = questionIndex.get(parts[1]);
      Integer m = modelIndex.get(parts[0]);
      if (q != null && m != null) {
        int g = gold.computeIfAbsent(parts[1], k -> AgreementStores.gold(items.get(k)));
        observations.add(new Correctness(m, q, AgreementStores.chosenIndex(value) == g));
      }
    });
    return new EmbeddingTraining(version, models, texts, benchmarks, heldOut, observations, settings,
        miniLm() ? vectors : null);
  }

  /** One question in {@value EmbeddingSettings#HELD_OUT_EVERY}, by its key, is held out of every fit. */
  static boolean heldOut(String questionKey) {
    return Math.floorMod(questionKey.hashCode(), EmbeddingSettings.HELD_OUT_EVERY) == 0;
  }

  private void publish(String model, FittedEmbedding fitted, Map<String, double[]> withoutBenchmark, String method,
      long now) {
    Map<String, List<Double>> without = new TreeMap<>();
    withoutBenchmark.forEach((benchmark, v) -> without.put(benchmark, boxed(v)));
    context.forward(new Record<>(model, ModelEmbedding.newBuilder().setModelId(model).setVector(boxed(fitted.embedding()))
        .setBenchmarks(List.copyOf(new TreeSet<>(fitted.benchmarks()))).setWithoutBenchmark(new HashMap<>(without))
        .setTrainingVersion(router.version()).setMethod(method).setQuestions(fitted.questions())
        .setTrainingAccuracy(fitted.trainingAccuracy()).setHeldOutAccuracy(fitted.heldOutAccuracy())
        .setUpdatedAtMs(now).build(), now));
  }

  private static List<Double> boxed(double[] vector) {
    List<Double> list = new ArrayList<>();
    for (double v : vector) {
      list.add(v);
    }
    return list;
  }

  @Override
  public void close() {
    background.shutdownNow(); // a revived task starts over from its stores
  }
}
