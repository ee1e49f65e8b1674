package io.modelmap.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a Hub model's configuration, tokenizer and weights into the huggingface_hub cache and answers
 * the snapshot folder to load, as {@code snapshot_download} does: the revision is resolved to a commit
 * through the API, {@code refs/<revision>} records it, and every file is fetched at that commit.
 * With {@code HF_HUB_OFFLINE} set nothing is requested; when the Hub cannot be reached after the retries,
 * a revision already in the cache is used as it is (as {@code snapshot_download} falls back).
 */
public final class HubClient {
  private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
  private static final ObjectMapper CONFIG_JSON = new ObjectMapper();

  private final HubSettings settings;
  private final HubCache cache;
  private final HubHttp http;
  private final FileFetcher fetcher;
  private final Optional<SizeLimit> sizeLimit;

  private HubClient(Builder builder) {
    this.settings = builder.settings;
    this.cache = new HubCache(settings.cache());
    HttpClient client = HttpClient.newBuilder().connectTimeout(builder.timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    Retrying retrying = new Retrying(builder.retry);
    this.http = new HubHttp(client, settings.token(), retrying, builder.timeouts.response());
    this.fetcher = new FileFetcher(cache, http, new BlobDownload(client, retrying, builder.timeouts), builder.progress);
    this.sizeLimit = builder.sizeLimit;
  }

  /** A builder for a client of these settings. */
  public static Builder builder(HubSettings settings) {
    return new Builder(settings);
  }

  /** The cache this client reads and fills. */
  public HubCache cache() {
    return cache;
  }

  /**
   * The model's snapshot folder, from the cache or downloaded now.
   *
   * @throws HubException with a one-line message when it cannot be had
   */
  public HubSnapshot resolve(HubModelId id) {
    Objects.requireNonNull(id, "id");
    if (settings.offline()) {
      return CachedSnapshot.find(cache, id).orElseThrow(() -> new HubException(HubException.Kind.OFFLINE,
          "HF_HUB_OFFLINE=1 and model " + id + " is not in the cache at " + cache.repoFolder(id)));
    }
    HubTarget target = new HubTarget(id, settings.endpoint(), settings.token().isPresent());
    RepoInfo info;
    try {
      info = http.repoInfo(target);
    } catch (HubException e) {
      Optional<HubSnapshot> cached = e.kind() == HubException.Kind.NETWORK ? CachedSnapshot.find(cache, id)
          : Optional.empty();
      if (cached.isEmpty()) {
        throw e;
      }
      LOG.warn("{}; using {} from the cache at commit {}", e.getMessage(), id, cached.get().commit());
      return cached.get();
    }
    try {
      return download(target, info);
    } catch (IOException e) {
      throw new HubException(HubException.Kind.CACHE, "cannot write model " + id + " into the cache at "
          + cache.root() + ": " + Retrying.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubException.Kind.NETWORK, "interrupted while fetching " + id, e);
    }
  }

  /**
   * The model's snapshot as the cache already holds it, without any request (what an offline resolve
   * answers). For a pinned commit this is the answer a resolve would give: a commit never changes.
   */
  public Optional<HubSnapshot> cached(HubModelId id) {
    return CachedSnapshot.find(cache, Objects.requireNonNull(id, "id"));
  }

  /**
   * The commit the model's revision points to, without downloading any file: what a registration records.
   * Offline, or when the Hub cannot be reached after the retries, the commit the cache knows for it.
   *
   * @throws HubException with a one-line message when it cannot be had (no access, no such revision, ...)
   */
  public String commit(HubModelId id) {
    Objects.requireNonNull(id, "id");
    if (settings.offline()) {
      return cache.knownCommit(id).orElseThrow(() -> new HubException(HubException.Kind.OFFLINE,
          "HF_HUB_OFFLINE=1 and model " + id + " is not in the cache at " + cache.repoFolder(id)));
    }
    try {
      return http.repoInfo(new HubTarget(id, settings.endpoint(), settings.token().isPresent())).commit();
    } catch (HubException e) {
      Optional<String> known = e.kind() == HubException.Kind.NETWORK ? cache.knownCommit(id) : Optional.empty();
      String commit = known.orElseThrow(() -> e);
      LOG.warn("{}; using {} at commit {} as the cache knows it", e.getMessage(), id, commit);
      return commit;
    }
  }

  /** The Hub's model listing on this client's endpoint, token and retries. */
  public ModelListing listing() {
    return new ModelListing(http, settings.endpoint());
  }

  /**
   * The {@code model_type} of the model's {@code config.json} at {@code commit}, read without the cache:
   * what tells a watcher whether the scorer can load it. Empty when the file names none.
   *
   * @throws HubException with a one-line message when it cannot be read (no config.json: {@code NOT_FOUND})
   */
  public Optional<String> modelType(String repo, String commit) {
    HubTarget target = new HubTarget(new HubModelId(repo, commit), settings.endpoint(), settings.token().isPresent());
    String config = http.text(target, target.resolveUri(commit, "config.json"));
    try {
      JsonNode type = CONFIG_JSON.readTree(config).path("model_type");
      return type.isTextual() && !type.asText().isBlank() ? Optional.of(type.asText()) : Optional.empty();
    } catch (IOException e) {
      throw new HubException(HubException.Kind.PROTOCOL, "config.json of " + repo + " at commit " + commit
          + " is no JSON: " + e.getMessage(), e);
    }
  }

  private HubSnapshot download(HubTarget target, RepoInfo info) throws IOException, InterruptedException {
    HubModelId id = target.id();
    String commit = info.commit();
    cache.writeRef(id, commit);
    List<String> selected = FileSelection.select(info.paths());
    if (!selected.contains("config.json")) {
      throw new HubException(HubException.Kind.PROTOCOL, "model " + id + " (commit " + commit
          + ") has no config.json: not a transformers checkpoint");
    }
    sizeLimit.ifPresent(limit -> limit.check(id, info, selected));
    List<FileFetch> files = new ArrayList<>();
    for (String path : selected) {
      files.add(fetcher.fetch(target, commit, info.file(path).orElseThrow()));
    }
    return new HubSnapshot(id, commit, cache.snapshot(id, commit), files);
  }

  /** Settings of a {@link HubClient}: {@code opt*} ones have defaults. */
  public static final class Builder {
    private final HubSettings settings;
    private DownloadProgress progress = DownloadProgress.NONE;
    private RetryPolicy retry = RetryPolicy.defaults();
    private Timeouts timeouts = Timeouts.defaults();
    private Optional<SizeLimit> sizeLimit = Optional.empty();

    private Builder(HubSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Told of each file's bytes as they arrive. */
    public Builder optProgress(DownloadProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Retries of network failures, 429 and 5xx (default {@link RetryPolicy#defaults()}). */
    public Builder optRetry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Connect, response and idle limits (default {@link Timeouts#defaults()}). */
    public Builder optTimeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /** The most bytes a model's selected files may have together; a larger model is refused before any download. */
    public Builder optSizeLimit(long bytes) {
      this.sizeLimit = Optional.of(new SizeLimit(bytes));
      return this;
    }

    public HubClient build() {
      return new HubClient(this);
    }
  }
}
