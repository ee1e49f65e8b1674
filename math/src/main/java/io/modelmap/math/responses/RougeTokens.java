package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tokens as Google's rouge-score makes them: lower case, every run of characters outside a–z and
 * 0–9 a separator, and with stemming each token longer than 3 characters Porter-stemmed as NLTK's
 * default mode does it ({@link NltkPorterStemmer}), the stemmer rouge-score calls.
 */
public final class RougeTokens {
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

  private RougeTokens() {}

  public static List<String> of(String text, boolean stem) {
    List<String> tokens = new ArrayList<>();
    for (String token : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
      if (token.isEmpty()) {
        continue;
      }
      tokens.add(stem && token.length() > 3 ? NltkPorterStemmer.stem(token) : token);
    }
    return tokens;
  }
}
