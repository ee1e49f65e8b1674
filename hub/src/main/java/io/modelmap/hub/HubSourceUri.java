package io.modelmap.hub;

import java.util.Optional;

/**
 * The source URI of a Hub model as {@code model-registered} carries it: {@code hf://org/name} (or
 * {@code hf:org/name}); the commit travels beside it as the registration's revision, never in the URI, so
 * that one repository has one source whatever commit is scored.
 */
public final class HubSourceUri {
  /** The scheme, with what follows it in the canonical form. */
  public static final String PREFIX = "hf://";

  private HubSourceUri() {
  }

  /** {@code hf://org/name} for a repository. */
  public static String of(String repo) {
    return PREFIX + new HubModelId(repo, HubModelId.DEFAULT_REVISION).repo();
  }

  /** Whether the source names a Hub repository (its repository may still be invalid). */
  public static boolean isHub(String sourceUri) {
    return sourceUri.startsWith("hf:");
  }

  /**
   * The repository of an {@code hf://org/name} or {@code hf:org/name} source; empty for any other scheme.
   *
   * @throws IllegalArgumentException when it is an hf: source whose repository id is not valid
   */
  public static Optional<String> repo(String sourceUri) {
    if (!isHub(sourceUri)) {
      return Optional.empty();
    }
    String repo = sourceUri.startsWith(PREFIX) ? sourceUri.substring(PREFIX.length()) : sourceUri.substring(3);
    return Optional.of(new HubModelId(repo, HubModelId.DEFAULT_REVISION).repo());
  }
}
