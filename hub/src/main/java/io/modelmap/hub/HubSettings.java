package io.modelmap.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the Hub is and where its cache lies, read from the environment exactly as huggingface_hub's
 * {@code constants.py} reads it.
 *
 * @param home {@code HF_HOME}: default {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}
 * @param cache {@code HF_HUB_CACHE} (legacy {@code HUGGINGFACE_HUB_CACHE}): default {@code $HF_HOME/hub}
 * @param endpoint {@code HF_ENDPOINT} without a trailing slash: default {@code https://huggingface.co}
 * @param token {@code HF_TOKEN} (legacy {@code HUGGING_FACE_HUB_TOKEN}), else the token file
 *     ({@code HF_TOKEN_PATH}, default {@code $HF_HOME/token}); empty means none
 * @param offline {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) is one of 1, ON, YES, TRUE
 */
public record HubSettings(Path home, Path cache, String endpoint, Optional<String> token, boolean offline) {
  /** huggingface_hub's {@code _HF_DEFAULT_ENDPOINT}. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  // constants.py ENV_VARS_TRUE_VALUES, compared upper-cased (_is_true)
  private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

  public HubSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(token, "token");
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("HF_ENDPOINT must be an http(s) URL, was '" + endpoint + "'", e);
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("HF_ENDPOINT must be an http(s) URL, was '" + endpoint + "'");
    }
    if (endpoint.endsWith("/")) {
      throw new IllegalArgumentException("endpoint must not end with '/', was '" + endpoint + "'");
    }
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException("token must not be blank (absent means none)");
    }
  }

  /** The settings of this process's environment and home folder. */
  public static HubSettings fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The settings an environment gives, {@code ~} being {@code userHome}; reads the token file if needed. */
  public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
    PathExpansion paths = new PathExpansion(env, userHome);
    String defaultHome = paths.expand(env.getOrDefault("XDG_CACHE_HOME", "~/.cache")) + "/huggingface";
    Path home = Path.of(paths.expand(env.getOrDefault("HF_HOME", defaultHome)));
    String legacyCache = env.getOrDefault("HUGGINGFACE_HUB_CACHE", home.resolve("hub").toString());
    Path cache = Path.of(paths.expand(env.getOrDefault("HF_HUB_CACHE", legacyCache)));
    String endpoint = stripTrailingSlashes(env.getOrDefault("HF_ENDPOINT", DEFAULT_ENDPOINT));
    Path tokenFile = Path.of(paths.expand(env.getOrDefault("HF_TOKEN_PATH", home.resolve("token").toString())));
    // utils/_auth.py get_token: the environment first, then the token file; _clean_token strips
    Optional<String> token = clean(firstNonEmpty(env.get("HF_TOKEN"), env.get("HUGGING_FACE_HUB_TOKEN")))
        .or(() -> readTokenFile(tokenFile));
    boolean offline = isTrue(firstNonEmpty(env.get("HF_HUB_OFFLINE"), env.get("TRANSFORMERS_OFFLINE")));
    return new HubSettings(home, cache, endpoint, token, offline);
  }

  /** A copy that reads no network whatever the environment said. */
  public HubSettings withOffline(boolean offline) {
    return new HubSettings(home, cache, endpoint, token, offline);
  }

  /** constants.py {@code _is_true}: 1, ON, YES or TRUE in any case. */
  static boolean isTrue(String value) {
    return value != null && TRUE_VALUES.contains(value.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    // never print the token
    return "HubSettings[home=" + home + ", cache=" + cache + ", endpoint=" + endpoint + ", token="
        + (token.isPresent() ? "(set)" : "(none)") + ", offline=" + offline + "]";
  }

  private static String firstNonEmpty(String first, String second) {
    // Python's `a or b`: an empty string counts as unset
    return first != null && !first.isEmpty() ? first : second;
  }

  private static Optional<String> clean(String token) {
    return token == null || token.strip().isEmpty() ? Optional.empty() : Optional.of(token.strip());
  }

  private static Optional<String> readTokenFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return clean(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Hugging Face token file " + file, e);
    }
  }

  private static String stripTrailingSlashes(String url) {
    String stripped = url;
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
