package io.modelmap.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The configuration table of docs/OPERATIONS.md, rendered from the picocli model of the command line:
 * one markdown table per command (nested commands by their full name), one row per option or
 * parameter. The rows are what `--help` prints, so the doc cannot drift from the code by hand; what
 * the check compares is only the set of (command, option) pairs, so a reworded description never
 * fails a build.
 */
final class OptionTable {
  static final String BEGIN = "<!-- BEGIN GENERATED OPTIONS: cli/src/test/java/io/modelmap/cli/docs/OptionTable.java -->";
  static final String END = "<!-- END GENERATED OPTIONS -->";
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-([^}]*))?}");
  private static final Pattern COMMAND_HEADING = Pattern.compile("^#### `modelmap ([a-z0-9 -]+)`");
  private static final Pattern OPTION_CELL = Pattern.compile("^\\| `([^`]+)`");

  private OptionTable() {}

  /** The generated section, markers included. */
  static String render(CommandLine root) {
    return render(root, "");
  }

  /**
   * The generated section, keeping the hand-written paragraphs of {@code previous} (the section as it stands):
   * in each command's part, every paragraph after the generated description and before the table stays where
   * it was, so regenerating never drops what a person wrote there.
   */
  static String render(CommandLine root, String previous) {
    Map<String, String> handWritten = handWritten(previous);
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    for (CommandLine command : commands(root)) {
      CommandSpec spec = command.getCommandSpec();
      out.append('\n').append("#### `modelmap ").append(name(spec)).append("`\n\n");
      out.append(oneLine(String.join(" ", spec.usageMessage().description()))).append("\n\n");
      String kept = handWritten.get(name(spec));
      if (kept != null) {
        out.append(kept).append("\n\n");
      }
      List<ArgSpec> args = arguments(spec);
      if (args.isEmpty()) {
        out.append("No options.\n");
        continue;
      }
      out.append("| option | default | what it sets |\n| --- | --- | --- |\n");
      for (ArgSpec arg : args) {
        out.append("| `").append(label(arg)).append("` | ").append(defaultCell(arg)).append(" | ")
            .append(cell(String.join(" ", arg.description()))).append(" |\n");
      }
    }
    return out.append('\n').append(END).toString();
  }

  /**
   * Per command, the paragraphs a person wrote between the generated description (the part's first paragraph)
   * and its table ("No options." for a command without), joined by blank lines.
   */
  static Map<String, String> handWritten(String section) {
    Map<String, String> kept = new LinkedHashMap<>();
    String command = null;
    List<String> paragraphs = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    boolean past = false; // past the description's paragraph
    boolean done = true; // at the table: nothing more is hand-written in this part
    for (String line : (section + "\n").split("\n", -1)) {
      Matcher heading = COMMAND_HEADING.matcher(line);
      boolean isHeading = heading.find();
      if (isHeading || line.equals(END)) {
        store(kept, command, paragraphs);
        command = isHeading ? heading.group(1) : null;
        paragraphs = new ArrayList<>();
        paragraph.setLength(0);
        past = false;
        done = command == null;
        continue;
      }
      if (done) {
        continue;
      }
      if (line.startsWith("| option |") || line.equals("No options.")) {
        done = true;
      } else if (!line.isBlank()) {
        paragraph.append(paragraph.isEmpty() ? "" : "\n").append(line);
        continue;
      }
      if (!paragraph.isEmpty()) {
        if (past) {
          paragraphs.add(paragraph.toString());
        }
        past = true;
        paragraph.setLength(0);
      }
    }
    store(kept, command, paragraphs);
    return kept;
  }

  private static void store(Map<String, String> kept, String command, List<String> paragraphs) {
    if (command != null && !paragraphs.isEmpty()) {
      kept.put(command, String.join("\n\n", paragraphs));
    }
  }

  /** Every documented pair "command option", read back from a rendered (or hand-edited) section. */
  static Set<String> pairs(String section) {
    Set<String> pairs = new LinkedHashSet<>();
    String command = null;
    for (String line : section.split("\n")) {
      Matcher heading = COMMAND_HEADING.matcher(line);
      if (heading.find()) {
        command = heading.group(1);
        continue;
      }
      Matcher option = OPTION_CELL.matcher(line);
      if (command != null && option.find()) {
        pairs.add(command + " " + option.group(1));
      }
    }
    return pairs;
  }

  /** The pairs the command line itself has. */
  static Set<String> pairs(CommandLine root) {
    Set<String> pairs = new LinkedHashSet<>();
    for (CommandLine command : commands(root)) {
      for (ArgSpec arg : arguments(command.getCommandSpec())) {
        pairs.add(name(command.getCommandSpec()) + " " + label(arg));
      }
    }
    return pairs;
  }

  /** Every command under the root, depth first, without picocli's own help command. */
  static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    for (Map.Entry<String, CommandLine> entry : root.getSubcommands().entrySet()) {
      CommandLine command = entry.getValue();
      if (!entry.getKey().equals(command.getCommandName()) || command.getCommandSpec().helpCommand()) {
        continue; // an alias, or `help`
      }
      all.add(command);
      all.addAll(commands(command));
    }
    return all;
  }

  private static List<ArgSpec> arguments(CommandSpec spec) {
    List<ArgSpec> args = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (!option.usageHelp() && !option.versionHelp() && !option.hidden()) {
        args.add(option);
      }
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      if (!positional.hidden()) {
        args.add(positional);
      }
    }
    return args;
  }

  /** The command's name below the root, e.g. "import-scores". */
  private static String name(CommandSpec spec) {
    String qualified = spec.qualifiedName(" ");
    return qualified.substring(qualified.indexOf(' ') + 1);
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
  }

  /** The default as written in the code: an environment variable stays named, never resolved here. */
  private static String defaultCell(ArgSpec arg) {
    CommandSpec command = arg.command();
    Boolean interpolate = command.interpolateVariables();
    command.interpolateVariables(false);
    String original = arg.defaultValue();
    command.interpolateVariables(interpolate);
    if (original == null || original.isEmpty()) {
      return "";
    }
    Matcher env = ENV_DEFAULT.matcher(original);
    if (env.matches()) {
      String value = env.group(2);
      return (value == null || value.isEmpty() ? "" : "`" + value + "` ") + "(env `" + env.group(1) + "`)";
    }
    return "`" + original + "`";
  }

  private static String cell(String text) {
    return oneLine(text).replace("|", "\\|");
  }

  private static String oneLine(String text) {
    return text.replace("%n", " ").replaceAll("\\s+", " ").trim();
  }
}
