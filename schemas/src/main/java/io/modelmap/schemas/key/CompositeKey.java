package io.modelmap.schemas.key;

import java.util.ArrayList;
import java.util.List;

/**
 * A record key made of several ids ({@code corpusId/textId}, {@code benchmarkId/itemId},
 * {@code modelA/modelB}, {@code modelId/benchmarkId}): each component with {@code %} written as
 * {@code %25} and {@code /} as {@code %2F}, joined by {@code /}. Ids may hold {@code /} themselves
 * (Hugging Face ids are {@code org/name}), so this is the only way keys are built and split.
 */
public final class CompositeKey {
  private CompositeKey() {}

  /** The key of these components, in order. */
  public static String of(String... components) {
    if (components.length < 2) {
      throw new IllegalArgumentException("a composite key joins at least two ids");
    }
    StringBuilder key = new StringBuilder(encode(components[0]));
    for (int i = 1; i < components.length; i++) {
      key.append('/').append(encode(components[i]));
    }
    return key.toString();
  }

  /** The components of a key made by {@link #of}; refuses anything {@link #of} cannot produce. */
  public static List<String> split(String key) {
    List<String> components = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '/') {
        components.add(current.toString());
        current.setLength(0);
      } else if (c == '%') {
        String escape = key.length() >= i + 3 ? key.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT) : "";
        switch (escape) {
          case "%25" -> current.append('%');
          case "%2F" -> current.append('/');
          default -> throw new IllegalArgumentException("key '" + key + "' has '%' at " + i
              + " that is not %25 or %2F; composite keys escape only % and /");
        }
        i += 2;
      } else {
        current.append(c);
      }
    }
    components.add(current.toString());
    if (components.size() < 2) {
      throw new IllegalArgumentException("key '" + key + "' has no '/': it is not a composite key");
    }
    return components;
  }

  static String encode(String component) {
    if (component.indexOf('%') < 0 && component.indexOf('/') < 0) {
      return component;
    }
    return component.replace("%", "%25").replace("/", "%2F");
  }
}
