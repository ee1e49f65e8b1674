package io.modelmap.scorer.worker;

import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubException;
import io.modelmap.hub.HubModelId;
import io.modelmap.hub.HubSettings;
import io.modelmap.hub.HubSnapshot;
import io.modelmap.hub.HubSourceUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of {@code hf://org/name} sources, fetched into the worker's Hub cache at exactly the commit the
 * registration carries (a branch that moved since changes nothing), then checked as a local folder under
 * the cache: the same weights, size and no-code rules as a {@code file:} source. A refusal by the Hub
 * (401/403, 404, too large, a corrupt file, offline and not cached) is a {@link ModelSourceRefused}: no
 * retry would differ. A network failure, after the client's own retries, is an {@link IOException}: the
 * task is retried like any failed task, never dead-lettered on the first error.
 */
public final class HubCheckpoints {
  private static final Logger LOG = LoggerFactory.getLogger(HubCheckpoints.class);

  private final Supplier<HubClient> makeClient;
  private HubClient client;

  /** Checkpoints fetched by {@code client} into its cache. */
  public HubCheckpoints(HubClient client) {
    this(() -> client);
  }

  private HubCheckpoints(Supplier<HubClient> makeClient) {
    this.makeClient = makeClient;
  }

  /** A client of these settings, refusing a model whose files exceed {@code maxBytes} before downloading. */
  public static HubCheckpoints of(HubSettings settings, long maxBytes) {
    return new HubCheckpoints(HubClient.builder(settings).optSizeLimit(maxBytes).build());
  }

  /**
   * A client of this process's environment (HF_ENDPOINT, HF_HOME, HF_TOKEN, …), read when the first
   * {@code hf://} source arrives: a worker that only ever loads {@code file:} models runs whatever those
   * variables hold, and a malformed one refuses each Hub model in one line naming it.
   */
  public static HubCheckpoints fromEnvironment(long maxBytes) {
    return lazy(HubSettings::fromEnvironment, maxBytes);
  }

  /** A client of the settings {@code settings} gives, asked for when the first {@code hf://} source arrives. */
  public static HubCheckpoints lazy(Supplier<HubSettings> settings, long maxBytes) {
    return new HubCheckpoints(() -> HubClient.builder(settings.get()).optSizeLimit(maxBytes).build());
  }

  /** The client, made on first use; settings that cannot be used refuse the source, naming what is wrong. */
  private synchronized HubClient client(String sourceUri) {
    if (client == null) {
      try {
        client = makeClient.get();
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new ModelSourceRefused("source " + sourceUri + " needs the Hub, but this worker's Hub settings are"
            + " unusable: " + e.getMessage());
      }
    }
    return client;
  }

  /** The snapshot folder of the source at the commit, checked; downloads are recorded in {@code metrics}. */
  Path fetch(String sourceUri, String revision, long maxBytes, ScorerMetrics metrics) throws IOException {
    String repo;
    try {
      repo = HubSourceUri.repo(sourceUri).orElseThrow();
    } catch (IllegalArgumentException e) {
      throw new ModelSourceRefused("source " + sourceUri + ": " + e.getMessage());
    }
    if (revision == null || !new HubModelId(repo, revision).pinned()) {
      throw new ModelSourceRefused("source " + sourceUri + " has no commit (revision " + revision + "); register it"
          + " with modelmap register --model " + repo + "@REVISION, which resolves the revision to a commit");
    }
    HubClient hub = client(sourceUri);
    Path cacheRoot = hub.cache().root();
    HubSnapshot snapshot;
    try {
      // a commit's snapshot never changes: a warm cache is used without touching the network
      HubModelId id = new HubModelId(repo, revision);
      snapshot = hub.cached(id).orElseGet(() -> hub.resolve(id));
    } catch (HubException e) {
      if (e.kind() == HubException.Kind.NETWORK || e.kind() == HubException.Kind.CACHE) {
        throw new IOException(e.getMessage(), e);
      }
      throw new ModelSourceRefused(e.getMessage());
    }
    if (!snapshot.downloaded().isEmpty()) {
      metrics.hubDownloaded(snapshot.downloadedBytes(), Duration.ofMillis(snapshot.downloadMillis()));
      LOG.info("Downloaded {} of {} ({} bytes in {} ms) into {}", snapshot.downloaded(), snapshot.id(),
          snapshot.downloadedBytes(), snapshot.downloadMillis(), cacheRoot);
    }
    // the snapshot's files link to blobs/ under the cache: the cache is the root they must stay under
    return ModelSources.resolve("file:" + snapshot.folder(), List.of(cacheRoot), List.of(), maxBytes);
  }
}
