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
 * the GC logs give the largest heap in use after a collection, {@code du} of its state folder the
 * RocksDB disk. Its output goes to {@code aggregator.log} in its folder.
 */
final class ChildAggregator implements AutoCloseable {
  private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(");

  private final Process process;
  private final Path dir;
  private final List<String> command;
  /** The peak resident memory of the processes this one replaced in its folder (killed), in MiB; -1 for none. */
  private final long replacedPeakMib;

  private ChildAggregator(Process process, Path dir, List<String> command, long replacedPeakMib) {
    this.process = process;
    this.dir = dir;
    this.command = command;
    this.replacedPeakMib = replacedPeakMib;
  }

  /**
   * An instance of application {@code applicationId} with {@code --shards shards}: several started under one id
   * share its tasks (each with its own folder {@code dir}).
   */
  static ChildAggregator start(Path dir, String bootstrap, String registry, String maxHeap, long commitIntervalMs,
      long pollMs, String applicationId, int shards) throws IOException {
    Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // one GC log per process (%p, its pid), so a restarted instance adds its own beside the killed one's
    List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx" + maxHeap,
        "-Xlog:gc:file=" + dir.resolve("gc-%p.log"), "-cp", System.getProperty("java.class.path"),
        "io.modelmap.cli.ModelMapCli", "aggregator", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry,
        "--state-dir", dir.resolve("state").toString(), "--application-id", applicationId, "--commit-interval-ms",
        Long.toString(commitIntervalMs), "--poll-ms", Long.toString(pollMs), "--shards", Integer.toString(shards),
        "--no-api");
    return launch(dir, command, -1);
  }

  private static ChildAggregator launch(Path dir, List<String> command, long replacedPeakMib) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("aggregator.log").toFile())).start();
    return new ChildAggregator(process, dir, command, replacedPeakMib);
  }

  /**
   * SIGKILLs this JVM (no shutdown hook, no clean close of Kafka Streams or RocksDB) and starts the same command on the
   * same state folder: the new instance.
   */
  ChildAggregator killAndRestart() throws IOException, InterruptedException {
    long peak = peakResidentMib(); // read while the process still exists: /proc forgets it at exit
    process.destroyForcibly(); // SIGKILL on Linux
    process.waitFor();
    return launch(dir, command, peak);
  }

  /** The name of this instance's folder, as the bench's output names it. */
  String folderName() {
    return dir.getFileName().toString();
  }

  /**
   * The peak resident memory (heap, RocksDB and everything else) of this process and of any it replaced, from
   * /proc; -1 where unavailable.
   */
  long peakResidentMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Math.max(replacedPeakMib, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
        }
      }
    } catch (IOException e) {
      return replacedPeakMib;
    }
    return replacedPeakMib;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The largest heap in use after any collection so far, in MiB, over every process started in this folder. */
  OptionalLong maxHeapAfterGcMib() throws IOException {
    long max = -1;
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(f -> f.getFileName().toString().matches("gc-\\d+\\.log")).toList()) {
        for (String line : Files.readAllLines(log)) {
          Matcher m = AFTER_GC.matcher(line);
          if (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
          }
        }
      }
    }
    return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Bytes under the state folder (RocksDB files and checkpoints). */
  long stateBytes() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
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
