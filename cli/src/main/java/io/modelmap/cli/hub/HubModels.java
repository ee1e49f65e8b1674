package io.modelmap.cli.hub;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubModelId;
import io.modelmap.hub.HubSettings;
import io.modelmap.hub.HubSnapshot;
import io.modelmap.hub.HubSourceUri;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Hub models for {@code map}: each fetched into the Hugging Face cache (or found there), with per-file
 * progress and a line saying whether it came from the cache or was downloaded. A model is registered as
 * {@code hf://org/name} at the commit its revision resolved to; its id is {@code org/name} at the default
 * branch and {@code org/name@revision} (the revision as given) otherwise.
 */
public final class HubModels {
  private final HubClient client;
  private final PrintStream out;

  public HubModels(HubSettings settings, long sizeLimit, PrintStream out, boolean terminal) {
    this.client = HubClient.builder(settings).optSizeLimit(sizeLimit)
        .optProgress(new DownloadLines(out, terminal, java.time.Clock.systemUTC())).build();
    this.out = out;
  }

  /** The model id a Hub model is mapped under. */
  static String modelId(HubModelId id) {
    return id.revision().equals(HubModelId.DEFAULT_REVISION) ? id.repo() : id.repo() + "@" + id.revision();
  }

  /** The model's snapshot, from the cache or downloaded now. */
  LocalModel fetch(HubModelId id) throws IOException {
    out.println(id + ": resolving in " + client.cache().root());
    HubSnapshot snapshot = client.resolve(id);
    if (snapshot.downloaded().isEmpty()) {
      out.println(id + ": commit " + snapshot.commit() + ", from the cache");
    } else {
      out.printf("%s: commit %s, downloaded %d of %s (%s in %.1f s)%n", id, snapshot.commit(),
          snapshot.downloaded().size(), Plural.of(snapshot.files().size(), "file"), DownloadLines.bytes(snapshot.downloadedBytes()),
          snapshot.downloadMillis() / 1000.0);
    }
    return new LocalModel(modelId(id), snapshot.folder(), LocalModels.modelType(snapshot.folder()), "hub",
        HubSourceUri.of(id.repo()), snapshot.commit());
  }
}
