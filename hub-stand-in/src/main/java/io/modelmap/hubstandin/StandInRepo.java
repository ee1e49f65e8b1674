package io.modelmap.hubstandin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository of the {@link HubStandIn}: commits (each a set of files) and branches pointing at them.
 * Files ending in {@code .safetensors} or {@code .bin} are stored in LFS, as the Hub's default
 * {@code .gitattributes} has it: their ETag is their sha256 and they are served from the CDN.
 * A repository with a {@link ListingCard} appears in the {@code /api/models} listing, with the creation time of
 * its first push and the time of its last one ({@link #pushAt}).
 */
public final class StandInRepo {
  private final String id;
  private final Map<String, Map<String, byte[]>> commits = new ConcurrentHashMap<>();
  private final Map<String, String> branches = new ConcurrentHashMap<>();
  private volatile Optional<String> token = Optional.empty();
  private volatile Optional<ListingCard> card = Optional.empty();
  private volatile Instant createdAt;
  private volatile Instant lastModified;

  StandInRepo(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** A new commit holding these files, {@code main} moved to it; its hash. */
  public String push(Map<String, byte[]> files) {
    return pushAt(files, Instant.now());
  }

  /** A new commit holding these files, pushed at {@code time} (the listing's {@code lastModified}); its hash. */
  public synchronized String pushAt(Map<String, byte[]> files, Instant time) {
    if (createdAt == null) {
      createdAt = time;
    }
    lastModified = time;
    String commit = sha1((id + "#" + commits.size() + "#" + files.keySet()).getBytes(StandardCharsets.UTF_8));
    commits.put(commit, new LinkedHashMap<>(files));
    branches.put("main", commit);
    return commit;
  }

  /** Points a branch (any ref name, {@code refs/pr/1} too) at a commit. */
  public void branch(String name, String commit) {
    branches.put(name, commit);
  }

  /** Answers 401 unless the request carries {@code Bearer token}. */
  public void gate(String token) {
    this.token = Optional.of(token);
  }

  public Optional<String> token() {
    return token;
  }

  /** Lists the repository in {@code /api/models} with these fields. */
  public StandInRepo list(ListingCard card) {
    this.card = Optional.of(card);
    return this;
  }

  public Optional<ListingCard> card() {
    return card;
  }

  /** The commit {@code main} points to, if any push happened. */
  public Optional<String> head() {
    return Optional.ofNullable(branches.get("main"));
  }

  synchronized Optional<ListingCard.Times> times() {
    return createdAt == null ? Optional.empty() : Optional.of(new ListingCard.Times(createdAt, lastModified));
  }

  /** A branch name or a commit hash to its commit. */
  public Optional<String> commitOf(String revision) {
    if (commits.containsKey(revision)) {
      return Optional.of(revision);
    }
    return Optional.ofNullable(branches.get(revision));
  }

  public Map<String, byte[]> files(String commit) {
    return commits.get(commit);
  }

  public Optional<byte[]> blobBySha256(String sha256) {
    return commits.values().stream().flatMap(f -> f.values().stream()).filter(b -> sha256(b).equals(sha256))
        .findFirst();
  }

  public static boolean isLfs(String path) {
    return path.endsWith(".safetensors") || path.endsWith(".bin");
  }

  /** The ETag the Hub gives a file: the sha256 of an LFS file, the git blob sha1 of any other. */
  public static String etag(String path, byte[] content) {
    return isLfs(path) ? sha256(content) : gitSha1(content);
  }

  public static String sha256(byte[] content) {
    return digest("SHA-256", content);
  }

  public static String gitSha1(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[header.length + content.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(content, 0, all, header.length, content.length);
    return sha1(all);
  }

  private static String sha1(byte[] content) {
    return digest("SHA-1", content);
  }

  private static String digest(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
