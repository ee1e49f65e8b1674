/**
 * The measurement commands: {@code bench} (the paper-scale run: a synthetic fleet through a real broker into an
 * aggregator in its own JVM, started through this CLI's main class by name, and probes on the output topics),
 * {@code bench-scorer} (scoring throughput; with {@code --models-dir} a {@link io.modelmap.cli.bench.FamilySweep}
 * rated against a libtorch {@link io.modelmap.cli.bench.MatmulFloor}, timed by wall and {@link
 * io.modelmap.cli.bench.CpuClock}) and {@code bench-responses}. The batch baselines, the reference KL, the checks
 * against it, the prediction load and the report live in {@code io.modelmap.eval.bench}; this package may touch
 * the embedded cluster, the producer, the scorer's models, the aggregator's published constants and
 * {@code support}; no other command package.
 */
package io.modelmap.cli.bench;
