package io.modelmap.math.responses;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * METEOR of a hypothesis against one reference as NLTK 3.8's {@code single_meteor_score} computes it
 * (Lavie and Agarwal 2007; WildChat-50M reports it beside ROUGE and BLEU). Words are aligned in three
 * stages, each on the words the earlier stages left: equal words, then equal Porter stems
 * ({@link NltkPorterStemmer}), then WordNet synonyms. In every stage the hypothesis is walked from its
 * last word to its first and each word takes the last unmatched reference word it matches. As in NLTK,
 * the synonym stage sees the stems the second stage made (NLTK passes its stemmed lists on), so a word
 * matches a synonym only where stemming left a WordNet form. With m aligned words, P = m/|hyp|,
 * R = m/|ref|, F = PR/(αP + (1−α)R) and a fragmentation penalty γ(chunks/m)^β, where a chunk is a run of
 * aligned words adjacent in both texts: METEOR = (1 − penalty)·F, and 0 without a match. α = 0.9,
 * β = 3, γ = 0.5, NLTK's defaults.
 */
public final class Meteor {
  private static final double ALPHA = 0.9;
  private static final double BETA = 3.0;
  private static final double GAMMA = 0.5;
  /** Stems made once per word (a response set repeats its words); capped so that no input grows it without end. */
  private static final int STEM_CACHE_LIMIT = 1 << 18;
  private static final Map<String, String> STEMS = new ConcurrentHashMap<>();

  /** A word and its position in its text. */
  private record Indexed(int index, String word) {}

  /** Aligned positions: hypothesis, reference. */
  private record Match(int hypothesis, int reference) {}

  private Meteor() {}

  /**
   * @param hypothesis the hypothesis's tokens, lower case
   * @param reference the reference's tokens, lower case
   * @param synonyms the thesaurus of the third stage ({@link Synonyms#NONE} to leave it out)
   */
  public static double of(List<String> hypothesis, List<String> reference, Synonyms synonyms) {
    List<Indexed> h = indexed(hypothesis);
    List<Indexed> r = indexed(reference);
    List<Match> matches = new ArrayList<>();
    alignEqual(h, r, matches);
    h = stemmed(h);
    r = stemmed(r);
    alignEqual(h, r, matches);
    alignSynonyms(h, r, matches, synonyms);
    int m = matches.size();
    if (hypothesis.isEmpty() || reference.isEmpty() || m == 0) {
      return 0;
    }
    matches.sort(Comparator.comparingInt(Match::hypothesis));
    double precision = (double) m / hypothesis.size();
    double recall = (double) m / reference.size();
    double fmean = precision * recall / (ALPHA * precision + (1 - ALPHA) * recall);
    double fragmentation = (double) chunks(matches) / m;
    return (1 - GAMMA * Math.pow(fragmentation, BETA)) * fmean;
  }

  /**
   * An equality stage: each hypothesis word, last first, takes the last free equal reference word. Done
   * with a stack of free positions per reference word, O(|hyp| + |ref|) rather than NLTK's nested scan,
   * with the same pairs. Matched words leave both lists.
   */
  private static void alignEqual(List<Indexed> hypothesis, List<Indexed> reference, List<Match> matches) {
    Map<String, ArrayDeque<Indexed>> free = new HashMap<>();
    for (Indexed w : reference) {
      free.computeIfAbsent(w.word(), k -> new ArrayDeque<>()).push(w); // the last position on top
    }
    Set<Indexed> taken = new HashSet<>();
    List<Indexed> unmatched = new ArrayList<>();
    for (int i = hypothesis.size() - 1; i >= 0; i--) {
      Indexed word = hypothesis.get(i);
      ArrayDeque<Indexed> positions = free.get(word.word());
      if (positions == null || positions.isEmpty()) {
        unmatched.add(word);
      } else {
        Indexed match = positions.pop();
        taken.add(match);
        matches.add(new Match(word.index(), match.index()));
      }
    }
    Collections.reverse(unmatched);
    hypothesis.clear();
    hypothesis.addAll(unmatched);
    reference.removeIf(taken::contains);
  }

  /** The synonym stage, NLTK's nested scan: few words are left by now. */
  private static void alignSynonyms(List<Indexed> hypothesis, List<Indexed> reference, List<Match> matches,
      Synonyms synonyms) {
    for (int i = hypothesis.size() - 1; i >= 0; i--) {
      String word = hypothesis.get(i).word();
      Set<String> words = synonyms.of(word);
      for (int j = reference.size() - 1; j >= 0; j--) {
        String other = reference.get(j).word();
        if (other.equals(word) || words.contains(other)) {
          matches.add(new Match(hypothesis.get(i).index(), reference.get(j).index()));
          hypothesis.remove(i);
          reference.remove(j);
          break;
        }
      }
    }
  }

  private static List<Indexed> indexed(List<String> words) {
    List<Indexed> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      out.add(new Indexed(i, words.get(i)));
    }
    return out;
  }

  private static List<Indexed> stemmed(List<Indexed> words) {
    List<Indexed> out = new ArrayList<>(words.size());
    for (Indexed w : words) {
      String stem = STEMS.get(w.word());
      if (stem == null) {
        stem = NltkPorterStemmer.stem(w.word());
        if (STEMS.size() < STEM_CACHE_LIMIT) {
          STEMS.put(w.word(), stem);
        }
      }
      out.add(new Indexed(w.index(), stem));
    }
    return out;
  }

  /** The fewest runs of matches adjacent in both texts (matches sorted by hypothesis position). */
  private static int chunks(List<Match> matches) {
    int chunks = 1;
    for (int i = 0; i + 1 < matches.size(); i++) {
      Match a = matches.get(i);
      Match b = matches.get(i + 1);
      if (b.hypothesis() != a.hypothesis() + 1 || b.reference() != a.reference() + 1) {
        chunks++;
      }
    }
    return chunks;
  }
}
