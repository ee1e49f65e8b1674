package io.modelmap.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model on the Hub: its repository id ({@code org/name}, or a bare {@code name} for the Hub's
 * canonical models) and a revision (a branch, a tag or a commit; {@code main} when none is given).
 *
 * @param repo the repository id, validated as huggingface_hub's {@code utils/_validators.py
 *     validate_repo_id} does
 * @param revision the branch, tag or commit to resolve
 */
public record HubModelId(String repo, String revision) {
  /** huggingface_hub's {@code constants.DEFAULT_REVISION}. */
  public static final String DEFAULT_REVISION = "main";

  // utils/_validators.py REPO_ID_REGEX; Python's \w and \b are Unicode-aware for str patterns
  private static final Pattern REPO_ID = Pattern.compile("^(\\b[\\w\\-.]+\\b/)?\\b[\\w\\-.]{1,96}\\b$",
      Pattern.UNICODE_CHARACTER_CLASS);

  public HubModelId {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(revision, "revision");
    validateRepo(repo);
    validateRevision(repo, revision);
  }

  /** Reads {@code org/name} or {@code org/name@revision}; a repository id never holds an {@code @}. */
  public static HubModelId parse(String text) {
    Objects.requireNonNull(text, "text");
    int at = text.indexOf('@');
    return at < 0 ? new HubModelId(text, DEFAULT_REVISION) : new HubModelId(text.substring(0, at),
        text.substring(at + 1));
  }

  /** The cache folder's name, {@code models--org--name} (file_download.py {@code repo_folder_name}). */
  public String folderName() {
    return "models--" + repo.replace("/", "--");
  }

  /** Whether the revision is already a full commit hash (file_download.py {@code REGEX_COMMIT_HASH}). */
  public boolean pinned() {
    return Commits.isCommit(revision);
  }

  @Override
  public String toString() {
    return repo + "@" + revision;
  }

  private static void validateRepo(String repo) {
    // the rules of validate_repo_id, in its order
    if (repo.chars().filter(c -> c == '/').count() > 1) {
      throw new IllegalArgumentException("repo id must be 'name' or 'org/name', was '" + repo + "'");
    }
    if (!REPO_ID.matcher(repo).matches()) {
      throw new IllegalArgumentException("repo id may hold letters, digits, '-', '_' and '.' (at most 96 in the name),"
          + " not starting or ending with '-' or '.', was '" + repo + "'");
    }
    if (repo.contains("--") || repo.contains("..")) {
      throw new IllegalArgumentException("repo id may not hold '--' or '..', was '" + repo + "'");
    }
    if (repo.endsWith(".git")) {
      throw new IllegalArgumentException("repo id may not end with '.git', was '" + repo + "'");
    }
  }

  private static void validateRevision(String repo, String revision) {
    // the revision becomes a path under refs/: nothing that could leave that folder
    boolean unsafe = revision.isBlank() || revision.startsWith("/") || revision.endsWith("/")
        || revision.contains("..") || revision.contains("//") || revision.contains("\\")
        || revision.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
    if (unsafe) {
      throw new IllegalArgumentException("revision of " + repo + " must be a branch, tag or commit, was '" + revision
          + "'");
    }
  }
}
