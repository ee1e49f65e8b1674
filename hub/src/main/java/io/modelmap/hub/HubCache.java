package io.modelmap.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The Hub cache as huggingface_hub lays it out under {@code HF_HUB_CACHE} (file_download.py
 * {@code _hf_hub_download_to_cache_dir}):
 * <pre>
 * models--org--name/
 *   blobs/&lt;etag&gt;                      the file's bytes, named by the Hub's ETag (sha256 for LFS files)
 *   refs/&lt;revision&gt;                   the commit a branch or tag pointed to, without a newline
 *   snapshots/&lt;commit&gt;/&lt;path&gt;          a relative symlink to ../../blobs/&lt;etag&gt;
 * .locks/models--org--name/&lt;etag&gt;.lock  held while one process downloads that blob
 * </pre>
 * Reads need no network; writes go through a {@code .incomplete} file renamed into {@code blobs/}.
 */
public final class HubCache {
  private final Path root;

  /** A cache rooted at {@code root} ({@link HubSettings#cache()}). */
  public HubCache(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The cache's root folder. */
  public Path root() {
    return root;
  }

  /** {@code models--org--name}. */
  public Path repoFolder(HubModelId id) {
    return root.resolve(id.folderName());
  }

  /** {@code snapshots/<commit>}: the folder a loader reads. */
  public Path snapshot(HubModelId id, String commit) {
    requireCommit(commit);
    return repoFolder(id).resolve("snapshots").resolve(commit);
  }

  /**
   * The commit a revision is known to point to, without network: the revision itself when it is a
   * commit with a snapshot folder, else the commit in {@code refs/<revision>} if its snapshot exists.
   */
  public Optional<String> knownCommit(HubModelId id) {
    if (id.pinned()) {
      return Files.isDirectory(snapshot(id, id.revision())) ? Optional.of(id.revision()) : Optional.empty();
    }
    Path ref = ref(id);
    if (!Files.isRegularFile(ref)) {
      return Optional.empty();
    }
    try {
      String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
      return Commits.isCommit(commit) && Files.isDirectory(snapshot(id, commit)) ? Optional.of(commit)
          : Optional.empty();
    } catch (IOException e) {
      throw new HubException(HubException.Kind.CACHE, "cannot read " + ref + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records that a branch or tag points to a commit ({@code _cache_commit_hash_for_specific_revision}:
   * only when the revision is not the commit itself, only when it changed).
   */
  public void writeRef(HubModelId id, String commit) throws IOException {
    requireCommit(commit);
    if (id.revision().equals(commit)) {
      return;
    }
    Path ref = ref(id);
    if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) {
      return;
    }
    Files.createDirectories(ref.getParent());
    // a reader in another process sees the old commit or the new one, never half a file
    Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
    Files.writeString(tmp, commit, StandardCharsets.UTF_8);
    Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@code blobs/<etag>}. */
  Path blob(HubModelId id, String etag) {
    requireEtag(etag);
    return repoFolder(id).resolve("blobs").resolve(etag);
  }

  /** {@code blobs/<etag>.incomplete}: the download in progress, kept between runs so that it resumes. */
  Path incomplete(HubModelId id, String etag) {
    return blob(id, etag).resolveSibling(etag + ".incomplete");
  }

  /** {@code .locks/models--org--name/<etag>.lock} (file_download.py: "etag could be duplicated across repos"). */
  Path lock(HubModelId id, String etag) {
    requireEtag(etag);
    return root.resolve(".locks").resolve(id.folderName()).resolve(etag + ".lock");
  }

  /** {@code snapshots/<commit>/<path>}. */
  Path pointer(HubModelId id, String commit, String path) {
    Path snapshot = snapshot(id, commit);
    Path pointer = snapshot.resolve(path).normalize();
    if (!pointer.startsWith(snapshot) || pointer.equals(snapshot)) {
      throw new HubException(HubException.Kind.PROTOCOL, "file name '" + path + "' of " + id + " leaves its snapshot");
    }
    return pointer;
  }

  /**
   * Links {@code snapshots/<commit>/<path>} to its blob with a relative symlink, as {@code _create_symlink}
   * does ({@code os.path.relpath(blob, dirname(pointer))}), so that the cache can move as a whole.
   */
  Path link(HubModelId id, String commit, String path, String etag) throws IOException {
    Path pointer = pointer(id, commit, path);
    Path blob = blob(id, etag);
    Files.createDirectories(pointer.getParent());
    Path target = pointer.getParent().relativize(blob);
    if (Files.isSymbolicLink(pointer)) {
      if (Files.readSymbolicLink(pointer).equals(target)) {
        return pointer;
      }
      Files.delete(pointer);
    }
    // link under a temporary name and rename: a concurrent process never sees a missing or half link
    Path tmp = pointer.resolveSibling("." + pointer.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return pointer;
  }

  private Path ref(HubModelId id) {
    Path refs = repoFolder(id).resolve("refs");
    Path ref = refs.resolve(id.revision()).normalize();
    if (!ref.startsWith(refs)) {
      throw new IllegalArgumentException("revision '" + id.revision() + "' leaves refs/");
    }
    return ref;
  }

  private static void requireCommit(String commit) {
    if (!Commits.isCommit(commit)) {
      throw new HubException(HubException.Kind.PROTOCOL, "'" + commit + "' is not a 40-character commit hash");
    }
  }

  private static void requireEtag(String etag) {
    if (!Commits.isSafeEtag(etag)) {
      throw new HubException(HubException.Kind.PROTOCOL, "the Hub's ETag '" + etag + "' cannot name a cache file");
    }
  }
}
