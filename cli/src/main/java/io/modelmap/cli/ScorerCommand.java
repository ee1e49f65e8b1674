package io.modelmap.cli;

import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
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
final class ScorerCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--model-root", required = true, description = "Folder model sources must lie under (repeatable).")
  List<Path> modelRoots;

  @Option(names = "--batch-size", defaultValue = "8", description = "Windows per forward pass (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--group-id", defaultValue = "modelmap-scorer", description = "Consumer group of the workers.")
  String groupId;

  @Override
  public Integer call() {
    ScorerConfig config = new ScorerConfig(groupId, "scorer-" + UUID.randomUUID(), modelRoots, batchSize);
    ScorerWorker worker = new ScorerWorker(connection.external(), config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
    System.out.println("Scorer worker running against " + connection.bootstrapServers + "; Ctrl-C to stop.");
    worker.run();
    return 0;
  }
}
