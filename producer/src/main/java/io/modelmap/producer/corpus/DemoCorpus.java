package io.modelmap.producer.corpus;

import io.modelmap.formats.corpus.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo corpus's documents, generated from a seed so every run sees the same texts: English-like
 * prose, Java-like source code, licence-style legal text and numeric tables, four clearly different
 * categories.
 */
public final class DemoCorpus {
  private static final String[] NOUNS = {"river", "city", "model", "garden", "letter", "window", "teacher",
      "market", "winter", "bridge", "story", "engine", "forest", "harbour", "question", "machine", "village"};
  private static final String[] VERBS = {"carries", "finds", "builds", "remembers", "opens", "follows",
      "changes", "answers", "watches", "crosses", "measures", "keeps", "describes", "leaves"};
  private static final String[] ADJECTIVES = {"quiet", "old", "bright", "narrow", "distant", "careful",
      "small", "heavy", "early", "strange", "patient", "green", "sudden", "open"};
  private static final String[] TYPES = {"int", "long", "double", "String", "boolean", "List<String>"};
  private static final String[] PARTIES = {"Licensor", "Licensee", "Contributor", "the Recipient", "You"};
  private static final String[] OBLIGATIONS = {"shall retain all copyright notices",
      "may not use the trademarks of the Licensor", "shall provide a copy of this License",
      "must cause any modified files to carry prominent notices", "is granted a perpetual, worldwide licence",
      "disclaims all warranties, express or implied", "shall not be liable for any damages"};

  private DemoCorpus() {}

  /** {@code perCategory} documents of each category, each a few kilobytes. */
  public static List<Document> documents(int perCategory, long seed) {
    Random random = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int d = 0; d < perCategory; d++) {
      docs.add(new Document("demo-prose-" + d, prose(random), "prose"));
      docs.add(new Document("demo-code-" + d, code(random), "code"));
      docs.add(new Document("demo-legal-" + d, legal(random), "legal"));
      docs.add(new Document("demo-tables-" + d, table(random), "tables"));
    }
    return docs;
  }

  private static String pick(String[] words, Random random) {
    return words[random.nextInt(words.length)];
  }

  private static String prose(Random r) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 6000) {
      String sentence = "The " + pick(ADJECTIVES, r) + " " + pick(NOUNS, r) + " " + pick(VERBS, r) + " the "
          + pick(NOUNS, r) + (r.nextBoolean() ? " near the " + pick(ADJECTIVES, r) + " " + pick(NOUNS, r) : "")
          + (r.nextInt(4) == 0 ? ", and nobody " + pick(VERBS, r).replaceAll("s$", "") + "s why" : "") + ". ";
      sb.append(sentence);
      if (r.nextInt(6) == 0) {
        sb.append("\n\n");
      }
    }
    return sb.toString();
  }

  private static String code(Random r) {
    StringBuilder sb = new StringBuilder("package demo.generated;\n\nimport java.util.List;\n\n");
    sb.append("public final class ").append(Character.toUpperCase(pick(NOUNS, r).charAt(0)))
        .append(pick(NOUNS, r)).append("Service {\n");
    while (sb.length() < 6000) {
      String type = pick(TYPES, r);
      String name = pick(VERBS, r).replaceAll("s$", "") + Character.toUpperCase(pick(NOUNS, r).charAt(0))
          + pick(NOUNS, r).substring(1);
      sb.append("\n  /** ").append(pick(VERBS, r)).append(" the ").append(pick(NOUNS, r)).append(". */\n");
      sb.append("  public ").append(type).append(' ').append(name).append("(int count, String label) {\n");
      sb.append("    if (count < ").append(r.nextInt(100)).append(") {\n");
      sb.append("      throw new IllegalArgumentException(\"count too small: \" + count);\n    }\n");
      sb.append("    for (int i = 0; i < count; i++) {\n      total += i * ").append(r.nextInt(17) + 1)
          .append(";\n    }\n");
      sb.append("    return ").append(type.equals("String") ? "label + total" : type.equals("boolean")
          ? "total > 0" : type.startsWith("List") ? "List.of(label)" : "(" + type + ") total").append(";\n  }\n");
    }
    return sb.append("}\n").toString();
  }

  private static String legal(Random r) {
    StringBuilder sb = new StringBuilder("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n\n");
    int section = 1;
    while (sb.length() < 6000) {
      sb.append(section++).append(". ").append(pick(PARTIES, r)).append(' ').append(pick(OBLIGATIONS, r))
          .append(", subject to the terms and conditions of this License, including Section ")
          .append(1 + r.nextInt(section)).append(". Notwithstanding the above, ").append(pick(PARTIES, r))
          .append(' ').append(pick(OBLIGATIONS, r)).append(" unless required by applicable law or agreed to in writing.\n\n");
    }
    return sb.toString();
  }

  private static String table(Random r) {
    StringBuilder sb = new StringBuilder("id,year,region,count,mean,stddev,ratio\n");
    int id = r.nextInt(1000);
    while (sb.length() < 6000) {
      sb.append(id++).append(',').append(1990 + r.nextInt(35)).append(',').append("R").append(r.nextInt(12))
          .append(',').append(r.nextInt(100000)).append(',').append(String.format("%.3f", r.nextGaussian() * 50 + 100))
          .append(',').append(String.format("%.4f", r.nextDouble() * 10)).append(',')
          .append(String.format("%.5f", r.nextDouble())).append('\n');
    }
    return sb.toString();
  }
}
