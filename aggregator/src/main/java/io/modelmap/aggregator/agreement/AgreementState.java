package io.modelmap.aggregator.agreement;

import io.modelmap.math.agreement.Answers;
import io.modelmap.math.agreement.PairCounts;
import io.modelmap.schemas.key.CompositeKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every item, every model's answers and every pair's counts, in memory. An accepted answer to item i
 * is counted against every other model that answered i: O(K) per answer, so a model's complete
 * answer set costs O(K·M) and nothing is ever recomputed from scratch.
 *
 * <p>Pairs are keyed and oriented by model id order (A &lt; B), so the counts do not depend on the
 * order answers arrive in.
 */
final class AgreementState {
  enum Outcome { ADDED, DUPLICATE, CONFLICT }

  private final Map<String, Integer> itemIndex = new HashMap<>();
  private final List<String> itemBenchmark = new ArrayList<>();
  private final Map<String, Integer> benchmarkItems = new HashMap<>();
  private int[] gold = new int[16];
  private int[] choices = new int[16];
  private final Map<String, Integer> modelIndex = new HashMap<>();
  private final List<String> modelIds = new ArrayList<>();
  private final List<int[]> answers = new ArrayList<>();
  private final List<long[]> accuracy = new ArrayList<>(); // {answered, correct}
  private final Map<PairKey, PairCounts> pairs = new HashMap<>();
  private final Set<PairKey> changedPairs = new LinkedHashSet<>();
  private final Set<String> changedModels = new LinkedHashSet<>();
  private final Map<String, Map<String, long[]>> benchmarkAccuracy = new HashMap<>(); // model → benchmark → {answered, correct}
  private final Set<List<String>> changedBenchmarkAccuracy = new LinkedHashSet<>(); // {model, benchmark}

  /** A pair of models in id order. */
  record PairKey(String a, String b) {
    static PairKey of(String x, String y) {
      return x.compareTo(y) < 0 ? new PairKey(x, y) : new PairKey(y, x);
    }
  }

  Outcome addItem(String key, int goldIndex, int choiceCount) {
    Integer known = itemIndex.get(key);
    if (known != null) {
      return gold[known] == goldIndex && choices[known] == choiceCount ? Outcome.DUPLICATE : Outcome.CONFLICT;
    }
    int index = itemIndex.size();
    if (index == gold.length) {
      gold = Arrays.copyOf(gold, index * 2);
      choices = Arrays.copyOf(choices, index * 2);
    }
    gold[index] = goldIndex;
    choices[index] = choiceCount;
    itemIndex.put(key, index);
    String benchmark = CompositeKey.split(key).get(0);
    itemBenchmark.add(benchmark);
    benchmarkItems.merge(benchmark, 1, Integer::sum);
    return Outcome.ADDED;
  }

  OptionalInt itemIndex(String key) {
    Integer index = itemIndex.get(key);
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  int choices(int item) {
    return choices[item];
  }

  /** Records a model's answer and counts it against every other model that answered the item. */
  Outcome answer(String model, int item, int chosen) {
    int m = model(model);
    int[] own = answersOf(m, item);
    if (Answers.isAnswered(own[item])) {
      return own[item] == chosen ? Outcome.DUPLICATE : Outcome.CONFLICT;
    }
    own[item] = chosen;
    count(m, item, chosen);
    for (int o = 0; o < modelIds.size(); o++) {
      int other = o == m ? Answers.MISSING : answerOf(o, item);
      if (Answers.isAnswered(other)) {
        PairKey key = PairKey.of(model, modelIds.get(o));
        boolean ownFirst = key.a().equals(model);
        pairs.computeIfAbsent(key, k -> new PairCounts())
            .add(ownFirst ? chosen : other, ownFirst ? other : chosen, gold[item], choices[item]);
        changedPairs.add(key);
        changedModels.add(modelIds.get(o));
      }
    }
    changedModels.add(model);
    return Outcome.ADDED;
  }

  /** Restores an answer whose pairs are restored separately, from their own store. */
  void restoreAnswer(String model, int item, int chosen) {
    int m = model(model);
    answersOf(m, item)[item] = chosen;
    count(m, item, chosen);
  }

  void restorePair(PairKey key, PairCounts counts) {
    pairs.put(key, counts);
  }

  PairCounts pair(PairKey key) {
    return pairs.get(key);
  }

  /** Pairs whose counts changed since the last call. */
  List<PairKey> drainChangedPairs() {
    List<PairKey> drained = List.copyOf(changedPairs);
    changedPairs.clear();
    return drained;
  }

  /** Models whose accuracy or partners changed since the last call. */
  List<String> drainChangedModels() {
    List<String> drained = List.copyOf(changedModels);
    changedModels.clear();
    return drained;
  }

  /** {answered, correct} of a model. */
  long[] accuracy(String model) {
    Integer m = modelIndex.get(model);
    return m == null ? new long[2] : accuracy.get(m).clone();
  }

  /** Every partner of {@code model} with the pair's counts seen from {@code model} (it is A), by partner id. */
  Map<String, PairCounts> partners(String model) {
    Map<String, PairCounts> partners = new TreeMap<>();
    for (String other : modelIds) {
      if (!other.equals(model)) {
        PairKey key = PairKey.of(model, other);
        PairCounts counts = pairs.get(key);
        if (counts != null) {
          partners.put(other, key.a().equals(model) ? counts : counts.swapped());
        }
      }
    }
    return partners;
  }

  /** {answered, correct} of a model on one benchmark. */
  long[] accuracy(String model, String benchmark) {
    return benchmarkAccuracy.getOrDefault(model, Map.of()).getOrDefault(benchmark, new long[2]).clone();
  }

  /** Items of a benchmark known so far. */
  int items(String benchmark) {
    return benchmarkItems.getOrDefault(benchmark, 0);
  }

  /** {model, benchmark} pairs whose accuracy changed since the last call. */
  List<List<String>> drainChangedBenchmarkAccuracy() {
    List<List<String>> drained = List.copyOf(changedBenchmarkAccuracy);
    changedBenchmarkAccuracy.clear();
    return drained;
  }

  private void count(int m, int item, int chosen) {
    int correct = chosen == gold[item] ? 1 : 0;
    long[] own = accuracy.get(m);
    own[0]++;
    own[1] += correct;
    String benchmark = itemBenchmark.get(item);
    long[] onBenchmark = benchmarkAccuracy.computeIfAbsent(modelIds.get(m), k -> new HashMap<>())
        .computeIfAbsent(benchmark, k -> new long[2]);
    onBenchmark[0]++;
    onBenchmark[1] += correct;
    changedBenchmarkAccuracy.add(List.of(modelIds.get(m), benchmark));
  }

  private int model(String id) {
    return modelIndex.computeIfAbsent(id, key -> {
      modelIds.add(key);
      answers.add(new int[0]);
      accuracy.add(new long[2]);
      return modelIds.size() - 1;
    });
  }

  private int answerOf(int m, int item) {
    int[] own = answers.get(m);
    return item < own.length ? own[item] : Answers.MISSING;
  }

  /** The model's answers, grown to cover {@code item}. */
  private int[] answersOf(int m, int item) {
    int[] own = answers.get(m);
    if (item >= own.length) {
      int old = own.length;
      own = Arrays.copyOf(own, Math.max(item + 1, Math.max(16, old * 2)));
      Arrays.fill(own, old, own.length, Answers.MISSING);
      answers.set(m, own);
    }
    return own;
  }
}
