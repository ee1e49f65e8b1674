package io.modelmap.testsupport.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts the aggregator ({@code modelmap aggregator}) in child JVMs on an
 * {@link EmbeddedClusterExtension}'s cluster, so that a test can kill one with SIGKILL and start another on the same
 * state folder; after the test it kills every child it started. Each child's output goes to {@code logs/} beside
 * its state folder. The CLI must be on the test's class path (the child runs with it).
 */
public final class ChildAggregators implements AfterEachCallback {
  /** The CLI's main class, by name: this module does not depend on the CLI. */
  private static final String CLI = "io.modelmap.cli.ModelMapCli";

  private final EmbeddedClusterExtension cluster;
  private final List<Process> children = new ArrayList<>();

  /** Aggregators on {@code cluster}'s broker and schema registry. */
  public ChildAggregators(EmbeddedClusterExtension cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts an aggregator with state in {@code stateDir}, {@code applicationId} (instance {@code applicationId-0}),
   * the query API on {@code apiPort} and a 512 MiB heap; returns at once, before it answers.
   */
  public Process start(Path stateDir, String applicationId, int apiPort) throws IOException {
    return start(stateDir, applicationId, applicationId + "-0", apiPort, List.of());
  }

  /**
   * Starts instance {@code instanceId} of application {@code applicationId} with state in {@code stateDir}, the
   * query API on {@code apiPort}, a 512 MiB heap and the aggregator's further {@code options} (such as
   * {@code --shards 3}); returns at once, before it answers.
   */
  public Process start(Path stateDir, String applicationId, String instanceId, int apiPort, List<String> options)
      throws IOException {
    Path logs = Files.createDirectories(stateDir.resolveSibling("logs"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), CLI, "aggregator",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "--state-dir", stateDir.toString(), "--application-id", applicationId, "--instance-id", instanceId,
        "--api-port", String.valueOf(apiPort), "--internal-port", String.valueOf(FreePorts.next())));
    command.addAll(options);
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve("aggregator-" + System.nanoTime() + ".log").toFile()).start();
    children.add(child);
    return child;
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    children.forEach(Process::destroyForcibly);
    for (Process child : children) {
      child.waitFor(30, TimeUnit.SECONDS);
    }
    children.clear();
  }
}
