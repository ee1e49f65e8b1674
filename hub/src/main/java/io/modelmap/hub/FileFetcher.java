package io.modelmap.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Puts one file of one commit into the cache, the steps of file_download.py
 * {@code _hf_hub_download_to_cache_dir}: a snapshot entry already there is used as it is; else a HEAD
 * names the blob (its ETag); a blob already there is linked; else, holding the blob's lock, the file is
 * downloaded to {@code blobs/<etag>.incomplete}, checked and renamed into {@code blobs/<etag>}.
 */
final class FileFetcher {
  private final HubCache cache;
  private final HubHttp http;
  private final BlobDownload download;
  private final DownloadProgress progress;

  FileFetcher(HubCache cache, HubHttp http, BlobDownload download, DownloadProgress progress) {
    this.cache = cache;
    this.http = http;
    this.download = download;
    this.progress = progress;
  }

  FileFetch fetch(HubTarget target, String commit, RepoInfo.RepoFile file) throws IOException, InterruptedException {
    HubModelId id = target.id();
    String path = file.path();
    // a commit's files never change: an entry in its snapshot needs no request (as huggingface_hub)
    if (Files.exists(cache.pointer(id, commit, path))) {
      return FileFetch.cached(path);
    }
    URI resolve = target.resolveUri(commit, path);
    FileMetadata metadata = http.head(target, resolve);
    String etag = metadata.etag();
    if (metadata.commit().isPresent() && !metadata.commit().get().equals(commit)) {
      // a proxy or mirror that ignores the commit in the URL would mix files of two commits in one snapshot
      throw new HubException(HubException.Kind.PROTOCOL, path + " of " + id + " was asked at commit " + commit
          + " but " + target.endpoint() + " answered commit " + metadata.commit().get());
    }
    if (file.lfsSha256().isPresent() && etag.matches("[0-9a-f]{64}") && !file.lfsSha256().get().equals(etag)) {
      throw new HubException(HubException.Kind.INTEGRITY, path + " of " + id + ": the file list says sha256 "
          + file.lfsSha256().get() + ", the file's headers " + etag);
    }
    Path blob = cache.blob(id, etag);
    if (Files.exists(blob)) {
      cache.link(id, commit, path, etag);
      return FileFetch.cached(path);
    }
    try (BlobLock lock = BlobLock.acquire(cache.lock(id, etag))) {
      if (Files.exists(blob)) { // another process or thread downloaded it while this one waited
        cache.link(id, commit, path, etag);
        return FileFetch.cached(path);
      }
      long start = System.nanoTime();
      OptionalLong size = metadata.size().isPresent() ? metadata.size() : file.size();
      Path incomplete = cache.incomplete(id, etag);
      Files.createDirectories(incomplete.getParent());
      long bytes;
      try {
        bytes = download.fetch(target, path, metadata.location(), tokenFor(resolve, metadata.location()),
            incomplete, size, progress);
      } catch (HubException e) {
        if (e.kind() == HubException.Kind.INTEGRITY) {
          Files.deleteIfExists(incomplete); // bytes of a body that broke its announced size: no later try resumes them
        }
        throw e;
      }
      BlobCheck.verify(incomplete, etag, size, path + " of " + id.repo() + "@" + commit);
      Files.move(incomplete, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      cache.link(id, commit, path, etag);
      return new FileFetch(path, true, bytes, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * The token goes where the Hub answers; a redirect to another host (a CDN, its URL signed) gets none
   * (file_download.py: "If url domain is different => we are downloading from a CDN => url is signed =>
   * don't send auth").
   */
  private Optional<String> tokenFor(URI resolve, URI location) {
    String from = resolve.getRawAuthority();
    return from != null && from.equalsIgnoreCase(location.getRawAuthority()) ? http.token() : Optional.empty();
  }
}
