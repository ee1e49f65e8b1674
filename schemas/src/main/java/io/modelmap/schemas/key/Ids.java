package io.modelmap.schemas.key;

import java.util.Optional;

/**
 * Which ids are accepted (DESIGN §4). Model, corpus and benchmark ids are what users already call
 * them (a Hugging Face repo id {@code org/name}, optionally {@code @revision}, or any printable name):
 * 1–256 characters. Text and item ids are any printable strings up to 4,096 characters (real corpora
 * hold spaces, commas, quotes and non-ASCII). No id is blank or holds a control character or a lone
 * surrogate (neither survives a CSV, a log line or UTF-8).
 */
public final class Ids {
  /** Longest model, corpus or benchmark id. */
  public static final int MAX_NAME_LENGTH = 256;
  /** Longest text or item id. */
  public static final int MAX_TEXT_ID_LENGTH = 4096;

  /** The kinds of id, each with its length limit and an example for messages. */
  public enum Kind {
    MODEL("model id", MAX_NAME_LENGTH, "a Hugging Face id such as meta-llama/Llama-3.2-1B, optionally @revision"),
    CORPUS("corpus id", MAX_NAME_LENGTH, "a name such as pile-10k"),
    BENCHMARK("benchmark id", MAX_NAME_LENGTH, "a name such as mmlu-pro"),
    TEXT("text id", MAX_TEXT_ID_LENGTH, "any printable string such as 'pile/00042.jsonl:17#0'"),
    ITEM("item id", MAX_TEXT_ID_LENGTH, "any printable string");

    private final String label;
    private final int maxLength;
    private final String example;

    Kind(String label, int maxLength, String example) {
      this.label = label;
      this.maxLength = maxLength;
      this.example = example;
    }

    /** The rule, as every refusal states it. */
    public String rule() {
      return "a " + label + " must be 1-" + maxLength + " characters with no control characters (" + example + ")";
    }
  }

  private Ids() {}

  /** Why {@code id} is not a valid id of this kind, or empty when it is. */
  public static Optional<String> problem(Kind kind, CharSequence id) {
    if (id == null || id.length() == 0 || id.toString().isBlank()) {
      return Optional.of(kind.label + " is empty; " + kind.rule());
    }
    if (id.length() > kind.maxLength) {
      return Optional.of(kind.label + " '" + preview(id) + "' is " + id.length() + " characters long; " + kind.rule());
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return Optional.of(kind.label + " '" + preview(id) + "' holds control character U+"
            + String.format("%04X", (int) c) + " at " + i + "; " + kind.rule());
      }
      if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++; // a well-formed pair: one code point outside the BMP
      } else if (Character.isSurrogate(c)) {
        return Optional.of(kind.label + " '" + preview(id) + "' holds a lone surrogate at " + i + "; " + kind.rule());
      }
    }
    return Optional.empty();
  }

  /** {@code id} itself when valid; otherwise an {@link IllegalArgumentException} that states the rule. */
  public static String require(Kind kind, CharSequence id) {
    Optional<String> problem = problem(kind, id);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return id.toString();
  }

  /** Shortened and with control characters made visible, for messages. */
  private static String preview(CharSequence id) {
    String shown = id.length() > 80 ? id.subSequence(0, 77) + "..." : id.toString();
    StringBuilder out = new StringBuilder();
    shown.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
