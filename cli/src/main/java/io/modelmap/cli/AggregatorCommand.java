package io.modelmap.cli;

import io.modelmap.aggregator.AggregatorConfig;
import io.modelmap.aggregator.AggregatorService;
import io.modelmap.aggregator.MapMethod;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap aggregator}: runs the aggregator against a cluster until stopped. */
@Command(name = "aggregator", mixinStandardHelpOptions = true, description = "Run the Kafka Streams aggregator.")
final class AggregatorCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--state-dir", defaultValue = "${env:MODELMAP_STATE_DIR:-.modelmap/aggregator-state}",
      description = "RocksDB state folder (default ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--application-id", defaultValue = "modelmap-aggregator", description = "Kafka Streams application id.")
  String applicationId;

  @Option(names = "--clip-quantile", description = "Clip L below this global quantile before centring (paper: 0.02). Off by default.")
  Double clipQuantile;

  @Option(names = "--commit-interval-ms", defaultValue = "100",
      description = "How often results are committed and become visible (exactly-once transactions); lower means"
          + " lower latency and more transactions (default ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(names = "--api-host", defaultValue = "127.0.0.1",
      description = "Address the query API and dashboard bind to, and that other instances reach this one at"
          + " (default ${DEFAULT-VALUE}: loopback only).")
  String apiHost;

  @Option(names = "--api-port", defaultValue = "8080", description = "Port of the query API and dashboard (default ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(names = "--no-api", description = "Serve no HTTP API.")
  boolean noApi;

  @Option(names = "--map-method", defaultValue = "pca",
      description = "Map layout: pca (PCA of Q from the K×K distances) or mds-kl (classical MDS on KL) (default ${DEFAULT-VALUE}).")
  String mapMethod;

  @Override
  public Integer call() throws Exception {
    AggregatorConfig config = AggregatorConfig.defaults(connection.bootstrapServers, connection.schemaRegistryUrl, stateDir)
        .withApplicationId(applicationId)
        .withClipping(clipQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(clipQuantile))
        .withClientOverrides(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs))
        .withMapMethod(MapMethod.ofLabel(mapMethod));
    CountDownLatch stopped = new CountDownLatch(1);
    Optional<InetSocketAddress> api = noApi ? Optional.empty() : Optional.of(new InetSocketAddress(apiHost, apiPort));
    try (AggregatorService service = new AggregatorService(config, api)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      service.start();
      System.out.println("Aggregator running against " + connection.bootstrapServers
          + service.dashboardUrl().map(url -> "; dashboard and API on " + url).orElse("") + "; Ctrl-C to stop.");
      stopped.await();
    }
    return 0;
  }
}
