package io.modelmap.deploy;

import io.modelmap.cli.ModelMapCli;
import java.lang.reflect.AnnotatedElement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The environment variables the CLI's commands read: the {@code ${env:NAME}} in their options' declared defaults. */
final class CliEnvironment {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

  private CliEnvironment() {}

  static Set<String> variables() {
    Set<String> names = new TreeSet<>();
    for (CommandLine command : ModelMapCli.commandLine().getSubcommands().values()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        String raw = option.userObject() instanceof AnnotatedElement element
            && element.getAnnotation(CommandLine.Option.class) != null
            ? element.getAnnotation(CommandLine.Option.class).defaultValue() : null;
        if (raw != null) {
          Matcher m = ENV.matcher(raw);
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      }
    }
    return names;
  }
}
