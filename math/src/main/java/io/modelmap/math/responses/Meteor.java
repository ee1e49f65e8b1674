package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
    align(h, r, matches, word -> word::equals);
    h = stemmed(h);
    r = stemmed(r);
    align(h, r, matches, word -> word::equals);
    align(h, r, matches, word -> {
      Set<String> words = synonyms.of(word);
      return other -> other.equals(word) || words.contains(other);
    });
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

  /** One stage: matched pairs move from the two lists to {@code matches}. */
  private static void align(List<Indexed> hypothesis, List<Indexed> reference, List<Match> matches,
      Function<String, Predicate<String>> matching) {
    for (int i = hypothesis.size() - 1; i >= 0; i--) {
      Predicate<String> matchesWord = matching.apply(hypothesis.get(i).word());
      for (int j = reference.size() - 1; j >= 0; j--) {
        if (matchesWord.test(reference.get(j).word())) {
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
      out.add(new Indexed(w.index(), NltkPorterStemmer.stem(w.word())));
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
