package io.modelmap.cli.support;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.hub.HubSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Hub models come from and are cached: the environment huggingface_hub reads ({@code HF_HOME},
 * {@code HF_HUB_CACHE}, {@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}), and {@code --hub-cache}
 * over {@code HF_HUB_CACHE}. The environment is given, not read here, so that tests pass their own
 * ({@link ModelMapCli#commandLine(Map)}) without touching the JVM's.
 */
public final class HubOptions {
  @Option(names = "--hub-cache", paramLabel = "DIR",
      description = "Hugging Face cache Hub models are read from and downloaded into (default: HF_HUB_CACHE, else"
          + " $HF_HOME/hub, else ~/.cache/huggingface/hub; HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE are honoured).")
  Path cache;

  private final Map<String, String> environment;
  private final Path userHome;

  HubOptions() {
    this(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  HubOptions(Map<String, String> environment, Path userHome) {
    this.environment = Map.copyOf(environment);
    this.userHome = userHome;
  }

  /** The settings of the environment, {@code --hub-cache} replacing its cache folder. */
  public HubSettings settings() {
    HubSettings settings = HubSettings.fromEnvironment(environment, userHome);
    return cache == null ? settings : new HubSettings(settings.home(), cache.toAbsolutePath().normalize(),
        settings.endpoint(), settings.token(), settings.offline());
  }
}
