package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * Tokens as Google's rouge-score makes them: lower case, every run of characters outside a–z and
 * 0–9 a separator, and with stemming each token longer than 3 characters Porter-stemmed (the
 * original algorithm, from Lucene's Snowball stemmers).
 */
public final class RougeTokens {
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
  private static final ThreadLocal<PorterStemmer> STEMMER = ThreadLocal.withInitial(PorterStemmer::new);

  private RougeTokens() {}

  public static List<String> of(String text, boolean stem) {
    List<String> tokens = new ArrayList<>();
    for (String token : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
      if (token.isEmpty()) {
        continue;
      }
      tokens.add(stem && token.length() > 3 ? stem(token) : token);
    }
    return tokens;
  }

  private static String stem(String token) {
    PorterStemmer stemmer = STEMMER.get();
    stemmer.setCurrent(token);
    stemmer.stem();
    return stemmer.getCurrent();
  }
}
