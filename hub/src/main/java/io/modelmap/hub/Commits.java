package io.modelmap.hub;

import java.util.regex.Pattern;

/** What a commit hash looks like, and what may name a blob in the cache. */
final class Commits {
  // file_download.py REGEX_COMMIT_HASH
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");
  // a blob's file name is the server's ETag: only characters that cannot leave blobs/
  private static final Pattern ETAG = Pattern.compile("^[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,127}$");

  private Commits() {
  }

  static boolean isCommit(String text) {
    return COMMIT.matcher(text).matches();
  }

  static boolean isSafeEtag(String etag) {
    return ETAG.matcher(etag).matches();
  }
}
