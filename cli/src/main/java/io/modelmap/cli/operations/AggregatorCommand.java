package io.modelmap.cli.operations;

import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.logging.CliLogging;
import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.aggregator.api.EventStreamLimits;
import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.HttpLimitOptions;
import io.modelmap.http.BearerToken;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap aggregator}: runs the aggregator against a cluster until stopped. */
@Command(name = "aggregator", mixinStandardHelpOptions = true, description = "Run the Kafka Streams aggregator.")
public final class AggregatorCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--state-dir", defaultValue = "${env:MODELMAP_STATE_DIR:-.modelmap/aggregator-state}",
      description = "RocksDB state folder (default ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--application-id", defaultValue = "${env:MODELMAP_APPLICATION_ID:-modelmap-aggregator}",
      description = "Kafka Streams application id (env MODELMAP_APPLICATION_ID; default ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--clip-quantile", defaultValue = "${env:MODELMAP_CLIP_QUANTILE}", description = "Clip L below this global quantile before centring (paper: 0.02). Off by default.")
  Double clipQuantile;

  @Option(names = "--pending-timeout", converter = DurationConverter.class,
      defaultValue = "${env:MODELMAP_PENDING_TIMEOUT:-10m}",
      description = "How long scores wait for their texts or their model's registration, and answers for their"
          + " items, before they are dead-lettered; counted while the aggregator runs, so a restart gives what was"
          + " parked a whole timeout to read its backlog (e.g. 90s, 10m or PT10M; env MODELMAP_PENDING_TIMEOUT;"
          + " default ${DEFAULT-VALUE}).")
  Duration pendingTimeout;

  @Option(names = "--commit-interval-ms", defaultValue = "${env:MODELMAP_COMMIT_INTERVAL_MS:-" + StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + "}",
      description = "How often results are committed and become visible (exactly-once transactions); lower means"
          + " lower latency and more transactions (default ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(names = "--poll-ms", defaultValue = "${env:MODELMAP_POLL_MS:-" + StreamsSettings.DEFAULT_POLL_MS + "}",
      description = "How long a stream thread waits for new records before it commits what it has done; with the commit"
          + " interval the floor of a new model's latency (env MODELMAP_POLL_MS; default ${DEFAULT-VALUE}, Kafka"
          + " Streams' own is 100).")
  long pollMs;

  @Option(names = "--api-host", defaultValue = "${env:MODELMAP_API_HOST:-127.0.0.1}",
      description = "Address the query API, dashboard, /metrics and /health bind to (env MODELMAP_API_HOST; default"
          + " ${DEFAULT-VALUE}: loopback only).")
  String apiHost;

  @Option(names = "--api-advertised-host", defaultValue = "${env:MODELMAP_API_ADVERTISED_HOST}",
      description = "Host other instances reach this one at, its application.server (env MODELMAP_API_ADVERTISED_HOST;"
          + " default: --api-host). In Kubernetes: the pod's name under the headless service.")
  String apiAdvertisedHost;

  @Option(names = "--api-port", defaultValue = "${env:MODELMAP_API_PORT:-8080}",
      description = "Port of the query API and dashboard (env MODELMAP_API_PORT; default ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(names = "--rocksdb-memory-mb", defaultValue = "${env:MODELMAP_ROCKSDB_MEMORY_MB:-64}",
      description = "Off-heap memory shared by every RocksDB store (env MODELMAP_ROCKSDB_MEMORY_MB; default ${DEFAULT-VALUE}).")
  long rocksDbMemoryMb;

  @Option(names = "--internal-port", defaultValue = "${env:MODELMAP_INTERNAL_PORT:-8081}",
      description = "Port of the internal views other instances read (never the public API's), bound on --internal-host;"
          + " keep it reachable only from aggregator instances (env MODELMAP_INTERNAL_PORT; default ${DEFAULT-VALUE}).")
  int internalPort;

  @Option(names = "--internal-host", defaultValue = "${env:MODELMAP_INTERNAL_HOST:-127.0.0.1}",
      description = "Address the internal views bind to (env MODELMAP_INTERNAL_HOST; default ${DEFAULT-VALUE}: loopback"
          + " only, enough for one instance). Several instances need an address the others reach, such as the pod's IP.")
  String internalHost;

  @Option(names = "--api-token-file", defaultValue = "${env:MODELMAP_API_TOKEN_FILE}", paramLabel = "FILE",
      description = "A file holding a bearer token (at least 16 characters): /api/* and the internal views then answer"
          + " 401 without 'Authorization: Bearer <token>'; /health, /metrics, /openapi.json and the dashboard's files"
          + " stay open (env MODELMAP_API_TOKEN_FILE; default: no token).")
  Path apiTokenFile;

  @Option(names = "--event-streams-per-address", defaultValue = "${env:MODELMAP_EVENT_STREAMS_PER_ADDRESS:-8}",
      description = "Event streams (/api/events) one client address may hold; behind a proxy every client has the"
          + " proxy's address (env MODELMAP_EVENT_STREAMS_PER_ADDRESS; default ${DEFAULT-VALUE}, at most 64).")
  int eventStreamsPerAddress;

  @Option(names = "--instance-id", defaultValue = "${env:MODELMAP_INSTANCE_ID}",
      description = "A stable name of this instance, unique in the application (env MODELMAP_INSTANCE_ID; the chart"
          + " passes the pod name). A restarted instance with the same name takes its partitions back at once"
          + " (static membership) instead of waiting for the group to notice the old one is gone.")
  String instanceId;

  @Option(names = "--shards", defaultValue = "${env:MODELMAP_SHARDS:-1}",
      description = "Spread each corpus's models over this many shards, one Kafka Streams task each, so that several"
          + " instances share one corpus (every instance of the application must say the same; env MODELMAP_SHARDS;"
          + " default ${DEFAULT-VALUE}: a corpus in one task). Above 1: no map layout and no model-analytics yet"
          + " (ridge-q predictions come from the models' rows), and no --clip-quantile.")
  int shards;

  @Mixin
  PredictionOptions prediction = new PredictionOptions();

  @Mixin
  HttpLimitOptions httpLimits = new HttpLimitOptions();

  @Option(names = "--no-api", description = "Serve no HTTP API.")
  boolean noApi;

  @Option(names = "--map-method", defaultValue = "${env:MODELMAP_MAP_METHOD:-pca}",
      description = "Map layout: pca (PCA of Q from the K×K distances) or mds-kl (classical MDS on KL) (default ${DEFAULT-VALUE}).")
  String mapMethod;

  /** How this instance runs Kafka Streams; a blank --instance-id (an empty environment variable) is none. */
  StreamsSettings streamsSettings() {
    return new StreamsSettings(applicationId, stateDir, Duration.ofMillis(commitIntervalMs), Duration.ofMillis(pollMs),
        rocksDbMemoryMb,
        instanceId == null || instanceId.isBlank() ? Optional.empty() : Optional.of(instanceId));
  }

  /** The aggregator's settings from the options (validated: a bad value throws, naming its option). */
  AggregatorConfig config() {
    return AggregatorConfig.builder(connection.external(), streamsSettings())
        .optMatrix(new MatrixSettings(clipQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(clipQuantile),
            MapMethod.ofLabel(mapMethod)))
        .optPublishing(PublishingSettings.defaults().withPendingTimeout(pendingTimeout))
        .optPrediction(prediction.settings())
        .optShards(shards)
        .build();
  }

  ApiSettings apiSettings() {
    ApiSettings.Builder api = ApiSettings.builder()
        .setBind(new InetSocketAddress(apiHost, apiPort))
        .setInternalBind(new InetSocketAddress(internalHost, internalPort))
        .optAdvertisedHost(apiAdvertisedHost)
        .optLimits(httpLimits.limits())
        .optEvents(new EventStreamLimits(eventStreamsPerAddress, EventStreamLimits.defaults().heartbeat()));
    if (apiTokenFile != null) {
      api.optToken(BearerToken.fromFile(apiTokenFile));
    }
    return api.build();
  }

  @Override
  public Integer call() throws Exception {
    CliLogging.service();
    AggregatorConfig config = config();
    CountDownLatch stopped = new CountDownLatch(1);
    Optional<ApiSettings> api = noApi ? Optional.empty() : Optional.of(apiSettings());
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
