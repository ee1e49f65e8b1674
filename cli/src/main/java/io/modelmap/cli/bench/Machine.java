package io.modelmap.cli.bench;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line naming what a bench ran on: the CPU model and cores, or the GPU, and the load at that moment. */
final class Machine {
  private Machine() {}

  static String describe(Device device) {
    String cpu = firstLine("/proc/cpuinfo", "model name").replaceFirst("^model name\\s*:\\s*", "");
    String on = device.isGpu() ? device + " (CPU " + cpu + ")" : cpu;
    return String.format("%s, %d cores visible to the JVM, libtorch on %s; %s", on,
        Runtime.getRuntime().availableProcessors(), threads(), load());
  }

  /** libtorch's intra-op threads as DJL is told them; by default one per core. */
  static String threads() {
    String threads = System.getProperty("ai.djl.pytorch.num_threads");
    return threads == null ? "its default threads (one per core)" : threads + " thread(s) (ai.djl.pytorch.num_threads)";
  }

  /** The 1-minute load average: other work on a shared machine shows here. */
  static String load() {
    String loadavg = firstLine("/proc/loadavg", "");
    return loadavg.isEmpty() ? "load average unknown" : "load average " + loadavg.split(" ")[0];
  }

  private static String firstLine(String file, String prefix) {
    try (var lines = Files.lines(Path.of(file))) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse("").trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
