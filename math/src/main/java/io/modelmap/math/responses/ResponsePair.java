package io.modelmap.math.responses;

import java.util.List;

/**
 * The similarity of two models' responses to one prompt: ROUGE-1, ROUGE-2 and ROUGE-L F1 (symmetric)
 * on stemmed tokens, and sentence BLEU and METEOR (with WordNet 3.0 synonyms, {@link Meteor}) on
 * unstemmed tokens, each averaged over both directions so that the pair's value does not depend on which
 * model is named first.
 */
public record ResponsePair(double rouge1, double rouge2, double rougeL, double bleu, double meteor) {

  /** A response's tokens, kept so that each is made once however many models it is compared with. */
  public record Tokens(List<String> stemmed, List<String> plain) {
    public static Tokens of(String response) {
      return new Tokens(RougeTokens.of(response, true), RougeTokens.of(response, false));
    }

    /** The same tokens, each one the instance {@code vocabulary} holds (a response set repeats its words). */
    Tokens interned(java.util.Map<String, String> vocabulary) {
      return new Tokens(stemmed.stream().map(t -> vocabulary.computeIfAbsent(t, x -> x)).toList(),
          plain.stream().map(t -> vocabulary.computeIfAbsent(t, x -> x)).toList());
    }
  }

  public static ResponsePair of(Tokens a, Tokens b) {
    return new ResponsePair(Rouge.n(a.stemmed(), b.stemmed(), 1).f1(), Rouge.n(a.stemmed(), b.stemmed(), 2).f1(),
        Rouge.l(a.stemmed(), b.stemmed()).f1(),
        (SentenceBleu.of(a.plain(), b.plain()) + SentenceBleu.of(b.plain(), a.plain())) / 2,
        (Meteor.of(a.plain(), b.plain(), WordNetSynonyms.shared()) + Meteor.of(b.plain(), a.plain(),
            WordNetSynonyms.shared())) / 2);
  }
}
