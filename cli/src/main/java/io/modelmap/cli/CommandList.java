package io.modelmap.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What bare {@code ./modelmap} prints: every command with the first sentence of its description, grouped by the
 * audience package it lives in (the same grouping as the code), so a newcomer sees where to start. A description
 * longer than a terminal line is cut at a word.
 */
final class CommandList {
  /** Audience package → heading, in the order a newcomer reads them; the root package holds demo and map. */
  private static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("io.modelmap.cli", "Start here");
    GROUPS.put("io.modelmap.cli.data", "Data on and off the map");
    GROUPS.put("io.modelmap.cli.operations", "Running the services");
    GROUPS.put("io.modelmap.cli.evaluation", "Checks");
    GROUPS.put("io.modelmap.cli.models", "Checkpoint tools");
    GROUPS.put("io.modelmap.cli.bench", "Measurements");
  }

  /** Longest description shown, characters. */
  private static final int MAX_WIDTH = 64;

  private CommandList() {}

  static void print(CommandLine root, PrintWriter out) {
    out.println("Usage: modelmap COMMAND [OPTIONS]   (modelmap COMMAND --help for its options)");
    Map<String, CommandLine> commands = root.getSubcommands();
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, String> group : GROUPS.entrySet()) {
      List<Map.Entry<String, CommandLine>> members = commands.entrySet().stream()
          .filter(c -> c.getValue().getCommand().getClass().getPackageName().equals(group.getKey())).toList();
      if (members.isEmpty()) {
        continue;
      }
      out.println();
      out.println(group.getValue() + ":");
      members.forEach(c -> out.printf("  %-" + width + "s  %s%n", c.getKey(), firstSentence(c.getValue())));
    }
    out.println();
    out.println("Other: help COMMAND, --version");
    out.flush();
  }

  private static String firstSentence(CommandLine command) {
    String description = String.join(" ", command.getCommandSpec().usageMessage().description());
    int end = description.indexOf(": ");
    int stop = description.indexOf(". ");
    int cut = end > 0 && (stop < 0 || end < stop) ? end : stop;
    String sentence = (cut > 0 ? description.substring(0, cut) : description.replaceFirst("\\.$", "")).strip();
    if (sentence.length() <= MAX_WIDTH) {
      return sentence;
    }
    int space = sentence.lastIndexOf(' ', MAX_WIDTH - 1); // a list stays one line per command in a terminal
    return sentence.substring(0, space > 0 ? space : MAX_WIDTH - 1) + " …";
  }
}
