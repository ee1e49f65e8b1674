package io.modelmap.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code GET /api/models/{repo}/revision/{revision}?blobs=true} answers (hf_api.py {@code model_info}
 * with {@code files_metadata=True}): the commit ({@code sha}) and the files ({@code siblings}), each with its
 * size and, for LFS files, the sha256 of its content.
 *
 * @param commit the commit the revision points to now
 * @param files every file of that commit
 */
record RepoInfo(String commit, List<RepoFile> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One sibling.
   *
   * @param path {@code rfilename}
   * @param size {@code size}, or {@code lfs.size}; absent when the Hub gave neither
   * @param lfsSha256 {@code lfs.sha256} for files stored in LFS
   */
  record RepoFile(String path, OptionalLong size, Optional<String> lfsSha256) {
  }

  static RepoInfo parse(String body) throws IOException {
    JsonNode root = JSON.readTree(body);
    String sha = root.path("sha").asText("");
    if (!Commits.isCommit(sha)) {
      throw new IOException("no 40-character commit in 'sha'");
    }
    List<RepoFile> files = new ArrayList<>();
    for (JsonNode sibling : root.path("siblings")) {
      String path = sibling.path("rfilename").asText("");
      if (path.isEmpty()) {
        continue;
      }
      JsonNode lfs = sibling.path("lfs");
      JsonNode size = sibling.hasNonNull("size") ? sibling.get("size") : lfs.get("size");
      files.add(new RepoFile(path, size != null && size.canConvertToLong() ? OptionalLong.of(size.asLong())
          : OptionalLong.empty(), lfs.hasNonNull("sha256") ? Optional.of(lfs.get("sha256").asText())
          : Optional.empty()));
    }
    return new RepoInfo(sha, List.copyOf(files));
  }

  Optional<RepoFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  List<String> paths() {
    return files.stream().map(RepoFile::path).toList();
  }
}
