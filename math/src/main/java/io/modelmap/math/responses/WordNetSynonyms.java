package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Synonyms as NLTK's {@code meteor_score} takes them from WordNet: the one-word lemma names of every
 * synset of the word in each part of speech, the word first reduced to its WordNet base forms by NLTK's
 * {@code morphy} (the exception lists, else the suffix rules applied once and then again until a form is
 * in the index). The data is Princeton WordNet 3.0 from Maven Central ({@code extjwnl-data-wn30}), the
 * version NLTK's corpus holds, read by extJWNL; extJWNL's own morphology is not used. Each word's set is
 * made once and kept (a response set repeats its words); lookups are serialised, so one instance serves
 * parallel comparisons.
 */
public final class WordNetSynonyms implements Synonyms {
  private static final List<POS> PARTS_OF_SPEECH = List.of(POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB);
  /** NLTK's MORPHOLOGICAL_SUBSTITUTIONS: suffix, replacement, in its order. */
  private static final Map<POS, String[][]> SUBSTITUTIONS = Map.of(
      POS.NOUN, new String[][] {{"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
          {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
      POS.VERB, new String[][] {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
          {"ing", "e"}, {"ing", ""}},
      POS.ADJECTIVE, new String[][] {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
      POS.ADVERB, new String[][] {});

  private static final class Shared {
    private static final WordNetSynonyms INSTANCE = load();
  }

  private final Dictionary dictionary;
  private final Map<String, Set<String>> cache = new HashMap<>();

  private WordNetSynonyms(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** The one instance over WordNet 3.0, loaded on first use (under a second). */
  public static WordNetSynonyms shared() {
    return Shared.INSTANCE;
  }

  private static WordNetSynonyms load() {
    try {
      return new WordNetSynonyms(Dictionary.getDefaultResourceInstance());
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet 3.0 (extjwnl-data-wn30) could not be read from the class path", e);
    }
  }

  @Override
  public synchronized Set<String> of(String word) {
    Set<String> known = cache.get(word);
    if (known == null) {
      known = Set.copyOf(lookUp(word));
      cache.put(word, known);
    }
    return known;
  }

  private Set<String> lookUp(String word) {
    Set<String> names = new LinkedHashSet<>();
    try {
      for (POS pos : PARTS_OF_SPEECH) {
        for (String form : morphy(word, pos)) {
          for (Synset synset : dictionary.getIndexWord(pos, form).getSenses()) {
            for (Word lemma : synset.getWords()) {
              // NLTK keeps names without "_" (extJWNL writes the underscore of a multi-word lemma as a space)
              if (lemma.getLemma().indexOf(' ') < 0 && lemma.getLemma().indexOf('_') < 0) {
                names.add(lemma.getLemma());
              }
            }
          }
        }
      }
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet lookup of '" + word + "' failed", e);
    }
    return names;
  }

  /** NLTK's {@code _morphy}: the base forms of {@code form} that WordNet indexes under {@code pos}. */
  private List<String> morphy(String form, POS pos) throws JWNLException {
    Exc exception = dictionary.getException(pos, form);
    if (exception != null) {
      List<String> forms = new ArrayList<>();
      forms.add(form);
      forms.addAll(exception.getExceptions());
      return indexed(forms, pos);
    }
    List<String> forms = substituted(List.of(form), pos);
    List<String> withOriginal = new ArrayList<>();
    withOriginal.add(form);
    withOriginal.addAll(forms);
    List<String> results = indexed(withOriginal, pos);
    while (results.isEmpty() && !forms.isEmpty()) {
      forms = substituted(forms, pos);
      results = indexed(forms, pos);
    }
    return results;
  }

  /** Every rule applied once to every form; repeats dropped (they change no result and keep long words fast). */
  private static List<String> substituted(List<String> forms, POS pos) {
    Set<String> out = new LinkedHashSet<>();
    for (String form : forms) {
      for (String[] rule : SUBSTITUTIONS.get(pos)) {
        if (form.endsWith(rule[0])) {
          out.add(form.substring(0, form.length() - rule[0].length()) + rule[1]);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The forms WordNet indexes under {@code pos}, each once, in order. */
  private List<String> indexed(List<String> forms, POS pos) throws JWNLException {
    Set<String> found = new LinkedHashSet<>();
    for (String form : forms) {
      if (!form.isEmpty() && dictionary.getIndexWord(pos, form) != null) {
        found.add(form);
      }
    }
    return new ArrayList<>(found);
  }
}
