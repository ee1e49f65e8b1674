package io.modelmap.hub;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code os.path.expandvars(os.path.expanduser(p))}, which constants.py applies to every cache
 * path: a leading {@code ~} becomes the home folder, {@code $NAME} and {@code ${NAME}} their values, and
 * unknown variables stay as written.
 */
final class PathExpansion {
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+|\\{[^}]*})");

  private final Map<String, String> env;
  private final Path userHome;

  PathExpansion(Map<String, String> env, Path userHome) {
    this.env = env;
    this.userHome = userHome;
  }

  String expand(String path) {
    String home = path.equals("~") || path.startsWith("~/") ? userHome + path.substring(1) : path;
    Matcher matcher = VARIABLE.matcher(home);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).startsWith("{") ? matcher.group(1).substring(1, matcher.group(1).length() - 1)
          : matcher.group(1);
      matcher.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
