package io.modelmap.cli.operations;

import io.modelmap.cli.logging.CliLogging;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.HubOptions;
import io.modelmap.cli.support.ScorerDeviceOptions;
import io.modelmap.scorer.worker.HubCheckpoints;
import io.modelmap.scorer.worker.MetricsEndpoint;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerMetrics;
import io.modelmap.scorer.worker.ScorerWorker;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap scorer}: runs a scorer worker against a cluster until stopped. */
@Command(name = "scorer", mixinStandardHelpOptions = true, description = "Run a scorer worker (DJL, PyTorch engine).")
public final class ScorerCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  public ScorerDeviceOptions scoring;

  @Mixin
  HubOptions hub;

  @Option(names = "--model-root", required = true, description = "Folder model sources must lie under (repeatable).")
  List<Path> modelRoots;

  @Option(names = "--allow-torchscript-root", paramLabel = "DIR",
      description = "A model root (also give it as --model-root) whose sources may be traced TorchScript"
          + " (torchscript.pt); TorchScript can run code when loaded, so no root allows it unless named here (repeatable).")
  List<Path> torchScriptRoots = List.of();

  @Option(names = "--group-id", defaultValue = "${env:MODELMAP_GROUP_ID:-modelmap-scorer}", description = "Consumer group of the workers.")
  String groupId;

  @Option(names = "--max-attempts", defaultValue = "${env:MODELMAP_MAX_ATTEMPTS:-3}",
      description = "Tries of a failing task before it goes to score-tasks-dlq (env MODELMAP_MAX_ATTEMPTS; default ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--max-model-gib", defaultValue = "${env:MODELMAP_MAX_MODEL_GIB:-64}",
      description = "Largest checkpoint folder loaded, GiB (env MODELMAP_MAX_MODEL_GIB; default ${DEFAULT-VALUE}).")
  long maxModelGib;

  @Option(names = "--metrics-host", defaultValue = "${env:MODELMAP_METRICS_HOST:-127.0.0.1}",
      description = "Address /metrics and /health bind to (env MODELMAP_METRICS_HOST; default ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--metrics-port", defaultValue = "${env:MODELMAP_METRICS_PORT:-9464}",
      description = "Port of /metrics and /health (env MODELMAP_METRICS_PORT; default ${DEFAULT-VALUE}; -1 for none).")
  int metricsPort;

  /** Read at the first hf:// model: a worker of file: models runs whatever HF_ENDPOINT holds. */
  HubCheckpoints hubCheckpoints(long maxBytes) {
    return HubCheckpoints.lazy(hub::settings, maxBytes);
  }

  @Override
  public Integer call() throws Exception {
    scoring.resolve(); // a GPU that is not there: one line now, not a stack trace once the worker starts
    CliLogging.service();
    ScorerConfig config = config("scorer-" + UUID.randomUUID());
    ScorerMetrics metrics = new ScorerMetrics();
    // hf:// sources are fetched into the Hub cache at the registered commit, within the same size limit
    ScorerWorker worker = new ScorerWorker(connection.external(), config, Clock.systemUTC(), metrics,
        hubCheckpoints(config.maxModelBytes()));
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
    MetricsEndpoint endpoint = metricsPort < 0 ? null
        : MetricsEndpoint.start(new InetSocketAddress(metricsHost, metricsPort), metrics, worker::isHealthy);
    System.out.println("Scorer worker running against " + connection.bootstrapServers
        + (endpoint == null ? "" : "; metrics on http://" + metricsHost + ":" + endpoint.port() + "/metrics")
        + "; Ctrl-C to stop.");
    try {
      worker.run();
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
      metrics.close();
    }
    return 0;
  }

  /** The worker's settings from the options: --max-model-gib in bytes, --device and --batch-size from the mixin. */
  ScorerConfig config(String workerId) {
    return new ScorerConfig(groupId, workerId, modelRoots, scoring.batchSize, scoring.device, maxAttempts, maxModelGib << 30,
        torchScriptRoots);
  }
}
