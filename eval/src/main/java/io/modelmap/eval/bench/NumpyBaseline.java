package io.modelmap.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A timed baseline, the batch recompute with NumPy, as a notebook user runs it: {@code benchmarks/python/numpy_recompute.py}
 * (bundled) on the same L, when {@code python3} (or {@code $MODELMAP_PYTHON}) with NumPy is present, started by
 * {@link NotebookPython} (without this machine's OpenBLAS overrides).
 *
 * @param seconds the median of its runs
 * @param describe NumPy's version, the BLAS library, kernel (core type) and threads it ran on, and its peak memory
 * @param klRows its KL rows of the sampled models, to check against the {@link io.modelmap.math.BatchReference reference} (the whole K×K is not read back)
 * @param extrapolatedFromRows 0 when the whole K×K was computed; else the rows it computed, the whole recompute's
 *     time extrapolated from them (where K×K does not fit in memory)
 */
public record NumpyBaseline(double seconds, String describe, double[][] klRows, int extrapolatedFromRows) {
  private static final String SCRIPT = "numpy_recompute.py";

  /**
   * Empty when no Python with NumPy is found (the reason is printed by the caller). With {@code rowsOnly} NumPy
   * computes the KL rows of {@code sample} only and extrapolates the whole recompute's time from them.
   */
  public static Optional<NumpyBaseline> of(double[][] l, Path workDir, int[] sample, int runs, boolean rowsOnly)
      throws IOException, InterruptedException {
    Path script = workDir.resolve(SCRIPT);
    try (InputStream in = NumpyBaseline.class.getResourceAsStream("/" + SCRIPT)) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    int k = l.length;
    int n = l[0].length;
    Path input = workDir.resolve("L.f64");
    Path output = workDir.resolve("KL.f64");
    Path rows = workDir.resolve("rows.i32");
    write(l, input);
    List<String> arguments = new java.util.ArrayList<>(List.of(script.toString(), input.toString(), String.valueOf(k),
        String.valueOf(n), output.toString(), String.valueOf(runs)));
    if (rowsOnly) {
      write(sample, rows);
      arguments.add(rows.toString());
    }
    Process process;
    try {
      process = NotebookPython.command(arguments).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty(); // no python3 on the PATH
    }
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return Optional.empty(); // most often: no NumPy
    }
    JsonNode report = new ObjectMapper().readTree(printed.substring(printed.lastIndexOf('\n') + 1));
    String describe = describe(report);
    double[][] kl = read(output, k, rowsOnly ? IntStream.range(0, sample.length).toArray() : sample);
    Files.deleteIfExists(input);
    Files.deleteIfExists(output);
    Files.deleteIfExists(rows);
    return Optional.of(new NumpyBaseline(report.get("seconds").asDouble(), describe, kl,
        report.path("extrapolated_from_rows").asInt(0)));
  }

  /**
   * NumPy's version and the BLAS it ran on, as the script read it: "NumPy 2.4.6, openblas 0.3.31.188.0 (SkylakeX
   * kernels), 2 threads, peak 892 MiB, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset".
   */
  static String describe(JsonNode report) {
    String version = report.path("blas_version").isTextual() ? " " + report.get("blas_version").asText() : "";
    String core = report.path("core").isTextual() ? " (" + report.get("core").asText() + " kernels)" : "";
    return String.format("NumPy %s, %s%s%s, %s threads, peak %.0f MiB, %s unset", report.get("numpy").asText(),
        report.get("blas").asText(), version, core, report.path("threads").asText("?"),
        report.get("peak_rss_mib").asDouble(), String.join(" and ", NotebookPython.MACHINE_TUNING));
  }

  private static void write(double[][] l, Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer row = ByteBuffer.allocate(l[0].length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (double[] r : l) {
        row.clear();
        row.asDoubleBuffer().put(r);
        channel.write(row);
      }
    }
  }

  private static void write(int[] indices, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(indices.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asIntBuffer().put(indices);
    Files.write(file, buffer.array());
  }

  /** Rows {@code sample} of the K-column matrix in {@code file}. */
  private static double[][] read(Path file, int k, int[] sample) throws IOException {
    double[][] rows = new double[sample.length][k];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer row = ByteBuffer.allocate(k * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int r = 0; r < sample.length; r++) {
        row.clear();
        long at = (long) sample[r] * k * Double.BYTES;
        while (row.hasRemaining() && channel.read(row, at + row.position()) >= 0) {
          // FileChannel may read less than asked
        }
        row.flip();
        row.asDoubleBuffer().get(rows[r]);
      }
    }
    return rows;
  }
}
