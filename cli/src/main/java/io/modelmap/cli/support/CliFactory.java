package io.modelmap.cli.support;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Creates commands and mixins as picocli does, except {@link HubOptions}, which get the given environment. */
public final class CliFactory implements CommandLine.IFactory {
  private final Map<String, String> environment;
  private final Path userHome;

  public CliFactory(Map<String, String> environment, Path userHome) {
    this.environment = Map.copyOf(environment);
    this.userHome = userHome;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == HubOptions.class) {
      return type.cast(new HubOptions(environment, userHome));
    }
    return CommandLine.defaultFactory().create(type);
  }
}
