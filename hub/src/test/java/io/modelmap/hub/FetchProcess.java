package io.modelmap.hub;

import java.nio.file.Path;
import java.util.Optional;

/** A second JVM for {@link TwoProcessesTest}: resolves a model into a cache, prints what it downloaded. */
public final class FetchProcess {
  private FetchProcess() {
  }

  /** Arguments: endpoint, cache folder, model id. */
  public static void main(String[] args) {
    HubSettings settings = new HubSettings(Path.of(args[1]), Path.of(args[1]), args[0], Optional.empty(), false);
    HubSnapshot snapshot = HubClient.builder(settings).optRetry(StandInHubTest.FAST_RETRY)
        .optTimeouts(StandInHubTest.SHORT).build().resolve(HubModelId.parse(args[2]));
    System.out.println("downloaded=" + String.join(",", snapshot.downloaded()));
  }
}
