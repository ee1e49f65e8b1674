package io.modelmap.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this process has used, all its threads together. On a machine shared with other work a
 * pass's wall time grows with the others' load; its CPU time much less (caches and memory bandwidth are
 * still shared), so tokens per CPU-second is the steadier figure of what the model costs.
 */
final class CpuClock {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuClock() {}

  static long nanos() {
    return OS.getProcessCpuTime();
  }
}
