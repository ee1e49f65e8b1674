package io.modelmap.hub;

/**
 * Told how far each file's download has come, for a progress line. Called from the HTTP client's threads as
 * bytes arrive, one file at a time per {@link HubClient#resolve}: keep it quick.
 */
@FunctionalInterface
public interface DownloadProgress {
  /** Reports nothing. */
  DownloadProgress NONE = (file, done, total) -> { };

  /**
   * @param file the file's path in the repository
   * @param done bytes on disk so far, a resumed download's earlier bytes included
   * @param total the file's size, or -1 when the Hub did not say
   */
  void update(String file, long done, long total);
}
