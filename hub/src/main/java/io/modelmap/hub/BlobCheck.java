package io.modelmap.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Checks a downloaded file against what the Hub says of it before it enters {@code blobs/}: its size, and
 * its hash as far as the ETag tells it: a 64-hex ETag is an LFS file's sha256 (its {@code X-Linked-Etag}),
 * a 40-hex one a small file's git blob sha1 (utils/sha.py {@code git_hash}: sha1 of
 * {@code "blob <size>\0" + content}). A file that fails is deleted.
 */
final class BlobCheck {
  private BlobCheck() {
  }

  /** Throws {@link HubException} INTEGRITY, the file deleted, when it does not match. */
  static void verify(Path file, String etag, OptionalLong size, String what) throws IOException {
    long actual = Files.size(file);
    if (size.isPresent() && actual != size.getAsLong()) {
      refuse(file, what + " has " + actual + " bytes, the Hub says " + size.getAsLong());
    }
    String expected = etag.toLowerCase(java.util.Locale.ROOT);
    if (expected.matches("[0-9a-f]{64}")) {
      String sha256 = digest(file, "SHA-256", null);
      if (!sha256.equals(expected)) {
        refuse(file, what + " has sha256 " + sha256 + ", the Hub's is " + expected);
      }
    } else if (expected.matches("[0-9a-f]{40}")) {
      String gitSha1 = digest(file, "SHA-1", ("blob " + actual + "\0").getBytes(StandardCharsets.US_ASCII));
      if (!gitSha1.equals(expected)) {
        refuse(file, what + " has git sha1 " + gitSha1 + ", the Hub's ETag is " + expected);
      }
    }
  }

  private static void refuse(Path file, String message) throws IOException {
    Files.deleteIfExists(file);
    throw new HubException(HubException.Kind.INTEGRITY, message + "; the download was deleted");
  }

  static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      if (prefix != null) {
        digest.update(prefix);
      }
      byte[] buffer = new byte[1 << 20];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
