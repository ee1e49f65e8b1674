package io.modelmap.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The aggregator in its own JVM with a fixed maximum heap, so its memory is measured on its own:
 * the GC log gives the largest heap in use after a collection, {@code du} of its state folder the
 * RocksDB disk.
 */
final class ChildAggregator implements AutoCloseable {
  private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(");

  private final Process process;
  private final Path gcLog;
  private final Path stateDir;

  private ChildAggregator(Process process, Path gcLog, Path stateDir) {
    this.process = process;
    this.gcLog = gcLog;
    this.stateDir = stateDir;
  }

  static ChildAggregator start(Path dir, String bootstrap, String registry, String maxHeap, long commitIntervalMs)
      throws IOException {
    return start(dir, bootstrap, registry, maxHeap, commitIntervalMs, "modelmap-bench-" + System.nanoTime(), 1);
  }

  /**
   * An instance of application {@code applicationId} with {@code --shards shards}: several started under one id
   * share its tasks (each with its own folder {@code dir}).
   */
  static ChildAggregator start(Path dir, String bootstrap, String registry, String maxHeap, long commitIntervalMs,
      String applicationId, int shards) throws IOException {
    Files.createDirectories(dir);
    Path gcLog = dir.resolve("gc.log");
    Path stateDir = dir.resolve("state");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "-cp",
        System.getProperty("java.class.path"), "io.modelmap.cli.ModelMapCli", "aggregator",
        "--bootstrap-servers", bootstrap, "--schema-registry-url", registry, "--state-dir", stateDir.toString(),
        "--application-id", applicationId, "--commit-interval-ms", Long.toString(commitIntervalMs), "--shards", Integer.toString(shards), "--no-api");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("aggregator.log").toFile()).start();
    return new ChildAggregator(process, gcLog, stateDir);
  }

  /** The process's peak resident memory (heap, RocksDB and everything else), from /proc; -1 where unavailable. */
  long peakResidentMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The largest heap in use after any collection so far, in MiB. */
  OptionalLong maxHeapAfterGcMib() throws IOException {
    if (!Files.exists(gcLog)) {
      return OptionalLong.empty();
    }
    long max = -1;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = AFTER_GC.matcher(line);
      if (m.find()) {
        max = Math.max(max, Long.parseLong(m.group(1)));
      }
    }
    return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Bytes under the state folder (RocksDB files and checkpoints). */
  long stateBytes() throws IOException {
    try (Stream<Path> files = Files.walk(stateDir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: its shutdown hook closes Kafka Streams cleanly
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
