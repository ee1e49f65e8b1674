/**
 * The paper-scale benchmark run: a synthetic fleet through a real broker into an aggregator in its own
 * JVM (started through this CLI's main class), and probes on the output topics. The batch baselines, the
 * reference KL, the checks against it, the prediction load and the report live in
 * {@code io.modelmap.eval.bench}; this package may touch the embedded cluster, the producer and the
 * aggregator's published constants.
 */
package io.modelmap.cli.bench;
