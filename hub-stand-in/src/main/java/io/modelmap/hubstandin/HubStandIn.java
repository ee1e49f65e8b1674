package io.modelmap.hubstandin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A Hugging Face Hub on 127.0.0.1 (for tests, and for {@code demo --watch}), speaking what huggingface_hub's file_download.py and
 * hf_api.py expect: {@code GET /api/models/{repo}/revision/{rev}} with {@code sha} and {@code siblings}
 * (sizes, and {@code lfs.sha256} for LFS files); {@code HEAD}/{@code GET /{repo}/resolve/{rev}/{path}} with
 * {@code X-Repo-Commit} and {@code ETag}, and for LFS files a 302 to a second server (the "CDN", another
 * host:port) with {@code X-Linked-Etag} and {@code X-Linked-Size}; {@code Range} on the CDN; 401
 * {@code GatedRepo}, 404 {@code RepoNotFound}/{@code RevisionNotFound}/{@code EntryNotFound}; a 307 with a
 * relative {@code Location} for a renamed repository; {@code GET /api/models}, the listing of the repositories given
 * a {@link ListingCard}, with its filters and {@code Link} pagination ({@link ListingPages}). Every request is recorded; faults can be injected.
 * Used by the hub module's own tests, the worker's, the CLI's and the integration tests (test-support's
 * {@code StandInHub} starts one with its tiny Llama pushed, for the tests that only need a model to fetch), and by
 * {@code demo --watch}, which publishes demo models to one. The JDK's HTTP server
 * (not the project's Javalin layer) because the faults need the raw exchange: a body cut or stalled mid-way.
 */
public final class HubStandIn implements AutoCloseable {
  /** One request as the stand-in saw it. */
  public record Request(String server, String method, String path, String range, String authorization) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer hub;
  private final HttpServer cdn;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, StandInRepo> repos = new ConcurrentHashMap<>();
  private final Map<String, String> renamed = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Long> cutOnce = new ConcurrentHashMap<>();
  private final Map<String, Long> stallOnce = new ConcurrentHashMap<>();
  private final Map<String, Integer> overlongOnce = new ConcurrentHashMap<>();
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  private final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();
  private final AtomicReference<Fault> nextFault = new AtomicReference<>();
  private volatile Predicate<Request> holdCdnUntil = r -> true;
  private volatile boolean listingLinksToItself;
  private volatile int listingPadding;
  private volatile boolean listingLengthAnnounced = true;

  private record Fault(int status, Optional<Duration> retryAfter, int times) {
  }

  private HubStandIn() throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    hub = HttpServer.create(loopback, 64);
    cdn = HttpServer.create(loopback, 64);
    hub.createContext("/", this::hub);
    cdn.createContext("/", this::cdn);
    hub.setExecutor(threads);
    cdn.setExecutor(threads);
    hub.start();
    cdn.start();
  }

  public static HubStandIn start() throws IOException {
    return new HubStandIn();
  }

  /** What HF_ENDPOINT is set to. */
  public String endpoint() {
    return "http://127.0.0.1:" + hub.getAddress().getPort();
  }

  public String cdnBase() {
    return "http://127.0.0.1:" + cdn.getAddress().getPort();
  }

  public StandInRepo repo(String id) {
    return repos.computeIfAbsent(id, StandInRepo::new);
  }

  /** Requests for {@code oldId} get a relative redirect to {@code newId}. */
  public void rename(String oldId, String newId) {
    renamed.put(oldId, newId);
  }

  /** The CDN closes the connection after this many bytes of the blob, once. */
  public void cutOnce(String sha256, long afterBytes) {
    cutOnce.put(sha256, afterBytes);
  }

  /** The CDN sends this many bytes of the blob and then nothing more, the connection open, once. */
  public void stallOnce(String sha256, long afterBytes) {
    stallOnce.put(sha256, afterBytes);
  }

  /** The CDN sends this many bytes more than the blob (and than the Hub announced), once. */
  public void overlongOnce(String sha256, int extraBytes) {
    overlongOnce.put(sha256, extraBytes);
  }

  /** The file of this ETag (an LFS sha256 or a small file's git sha1) is served with its first byte changed. */
  public void corrupt(String etag) {
    corrupt.put(etag, true);
  }

  /** The next {@code times} Hub requests are answered {@code status}, with a Retry-After if given. */
  public void fail(int status, Optional<Duration> retryAfter, int times) {
    nextFault.set(new Fault(status, retryAfter, times));
  }

  /** Every listing page names its own URL as the next page ({@code Link: <itself>; rel="next"}): a loop. */
  public void listingLinksToItself() {
    listingLinksToItself = true;
  }

  /**
   * Every listing page's JSON is followed by this many spaces: still valid JSON, as long as the test needs;
   * with {@code announced} false it is sent chunked, without a {@code Content-Length} to judge it by in advance.
   */
  public void padListing(int bytes, boolean announced) {
    listingPadding = bytes;
    listingLengthAnnounced = announced;
  }

  /** CDN downloads wait (at most 10 s) until the requests seen so far satisfy the condition. */
  public void holdCdnUntil(Predicate<List<Request>> condition) {
    holdCdnUntil = r -> condition.test(requests());
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public long count(String method, Predicate<String> path) {
    return requests().stream().filter(r -> r.method().equals(method) && path.test(r.path())).count();
  }

  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Stops both servers; a second call does nothing (a test may stop it early, its extension again after). */
  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closed.countDown();
    hub.stop(0);
    cdn.stop(0);
    threads.shutdownNow();
  }

  private Request record(String server, HttpExchange exchange) {
    Request request = new Request(server, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders().getFirst("Range"), exchange.getRequestHeaders().getFirst("Authorization"));
    synchronized (requests) {
      requests.add(request);
      requests.notifyAll();
    }
    return request;
  }

  private void hub(HttpExchange exchange) throws IOException {
    try (exchange) {
      record("hub", exchange);
      Fault fault = nextFault.getAndUpdate(f -> f == null || f.times() <= 1 ? null
          : new Fault(f.status(), f.retryAfter(), f.times() - 1));
      if (fault != null) {
        fault.retryAfter().ifPresent(d -> exchange.getResponseHeaders().set("Retry-After", "" + d.toSeconds()));
        empty(exchange, fault.status());
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/api/models")) {
        listing(exchange);
      } else if (path.startsWith("/api/models/")) {
        api(exchange, path.substring("/api/models/".length()));
      } else if (path.contains("/resolve/")) {
        resolve(exchange, path);
      } else {
        empty(exchange, 404);
      }
    }
  }

  private void api(HttpExchange exchange, String rest) throws IOException {
    int at = rest.indexOf("/revision/");
    String repoId = decode(rest.substring(0, at));
    String revision = decode(rest.substring(at + "/revision/".length()));
    if (renamed.containsKey(repoId)) {
      redirect(exchange, "/api/models/" + renamed.get(repoId) + "/revision/" + rest.substring(at + 10));
      return;
    }
    Optional<String> commit = access(exchange, repoId, revision);
    if (commit.isEmpty()) {
      return;
    }
    List<Map<String, Object>> siblings = new ArrayList<>();
    repo(repoId).files(commit.get()).forEach((file, bytes) -> {
      Map<String, Object> sibling = new LinkedHashMap<>();
      sibling.put("rfilename", file);
      sibling.put("blobId", StandInRepo.gitSha1(bytes));
      sibling.put("size", bytes.length);
      if (StandInRepo.isLfs(file)) {
        sibling.put("lfs", Map.of("sha256", StandInRepo.sha256(bytes), "size", bytes.length, "pointerSize", 134));
      }
      siblings.add(sibling);
    });
    byte[] body = JSON.writeValueAsBytes(Map.of("id", repoId, "sha", commit.get(), "siblings", siblings));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void listing(HttpExchange exchange) throws IOException {
    ListingPages.Page page = ListingPages.page(repos.values(), endpoint(), exchange.getRequestURI().getRawQuery());
    Optional<String> next = listingLinksToItself
        ? Optional.of(endpoint() + exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery())
        : page.next();
    next.ifPresent(n -> exchange.getResponseHeaders().set("Link", "<" + n + ">; rel=\"next\""));
    byte[] json = JSON.writeValueAsBytes(page.models());
    byte[] body = java.util.Arrays.copyOf(json, json.length + listingPadding);
    java.util.Arrays.fill(body, json.length, body.length, (byte) ' ');
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, listingLengthAnnounced ? body.length : 0);
    exchange.getResponseBody().write(body);
  }

  private void resolve(HttpExchange exchange, String path) throws IOException {
    int at = path.indexOf("/resolve/");
    String repoId = decode(path.substring(1, at));
    String rest = path.substring(at + "/resolve/".length());
    int slash = rest.indexOf('/');
    String revision = decode(rest.substring(0, slash));
    String file = decode(rest.substring(slash + 1));
    if (renamed.containsKey(repoId)) {
      redirect(exchange, "/" + renamed.get(repoId) + "/resolve/" + rest);
      return;
    }
    Optional<String> commit = access(exchange, repoId, revision);
    if (commit.isEmpty()) {
      return;
    }
    byte[] bytes = repo(repoId).files(commit.get()).get(file);
    if (bytes == null) {
      exchange.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
      empty(exchange, 404);
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("X-Repo-Commit", commit.get());
    String etag = StandInRepo.etag(file, bytes);
    if (StandInRepo.isLfs(file)) {
      headers.set("ETag", "\"" + etag + "\"");
      headers.set("X-Linked-Etag", "\"" + etag + "\"");
      headers.set("X-Linked-Size", "" + bytes.length);
      headers.set("Location", cdnBase() + "/blobs/" + etag + "?signature=loopback");
      empty(exchange, 302);
      return;
    }
    headers.set("ETag", "\"" + etag + "\"");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      headers.set("Content-Length", "" + bytes.length);
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    byte[] served = bytes.clone();
    if (corrupt.containsKey(etag)) {
      served[0] ^= 0x5a;
    }
    exchange.sendResponseHeaders(200, served.length);
    exchange.getResponseBody().write(served);
  }

  /** The repository's commit for the revision, or an answered 401/404 and empty. */
  private Optional<String> access(HttpExchange exchange, String repoId, String revision) throws IOException {
    StandInRepo repo = repos.get(repoId);
    if (repo == null) {
      exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
      empty(exchange, 404);
      return Optional.empty();
    }
    if (repo.token().isPresent()
        && !("Bearer " + repo.token().get()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("X-Error-Code", "GatedRepo");
      empty(exchange, 401);
      return Optional.empty();
    }
    Optional<String> commit = repo.commitOf(revision);
    if (commit.isEmpty()) {
      exchange.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
      empty(exchange, 404);
    }
    return commit;
  }

  private void cdn(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = record("cdn", exchange);
      awaitHold(request);
      String path = exchange.getRequestURI().getRawPath();
      String sha256 = path.substring(path.lastIndexOf('/') + 1);
      Optional<byte[]> found = repos.values().stream().map(r -> r.blobBySha256(sha256)).flatMap(Optional::stream)
          .findFirst();
      if (found.isEmpty()) {
        empty(exchange, 404);
        return;
      }
      byte[] bytes = found.get().clone();
      if (corrupt.containsKey(sha256)) {
        bytes[0] ^= 0x5a;
      }
      Integer extra = overlongOnce.remove(sha256);
      if (extra != null) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length + extra); // its Content-Length says so too
      }
      int start = 0;
      String range = request.range();
      if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
        start = Integer.parseInt(range.substring(6, range.length() - 1));
        exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/"
            + bytes.length);
        exchange.sendResponseHeaders(206, bytes.length - start);
      } else {
        exchange.sendResponseHeaders(200, bytes.length);
      }
      OutputStream body = exchange.getResponseBody();
      Long cut = cutOnce.remove(sha256);
      if (cut != null && cut > start) {
        body.write(bytes, start, (int) (cut - start));
        body.flush();
        // closing with bytes missing makes the JDK server drop the connection: the client sees a cut body
        return;
      }
      Long stall = stallOnce.remove(sha256);
      if (stall != null && stall > start) {
        body.write(bytes, start, (int) (stall - start));
        body.flush();
        try {
          closed.await(30, java.util.concurrent.TimeUnit.SECONDS); // a server that hangs: the client must cut it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      body.write(bytes, start, bytes.length - start);
    }
  }

  private void awaitHold(Request request) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (requests) {
      while (!holdCdnUntil.test(request) && System.nanoTime() < deadline) {
        try {
          requests.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    empty(exchange, 307);
  }

  private static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
