/**
 * The scale benchmark's library side: the timed baselines, what a user would run instead of streaming
 * ({@code NotebookBaseline}'s scalar loops, {@code BlockedBaseline}'s Java Gram, {@code NumpyBaseline}, started by {@code NotebookPython} without
 * this machine's OpenBLAS overrides), the
 * reference's sampled KL rows ({@code SampledReference}, from math's {@code BatchReference}, the one reference)
 * and the checks of the streamed outputs against it ({@code StreamCheck}), the synthetic prediction load and response fleet, and the report table. Touches math, producer (the
 * synthetic matrix, the publisher and response records) and schemas; never the aggregator or the CLI.
 */
package io.modelmap.eval.bench;
