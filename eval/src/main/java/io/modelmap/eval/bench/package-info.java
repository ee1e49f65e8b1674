/**
 * The scale benchmark's library side: what a user would run instead of streaming (the scalar notebook
 * loops, a blocked Java Gram, NumPy), the reference KL and the checks of the streamed outputs against
 * it ({@code StreamCheck}), the synthetic prediction load and response fleet, and the report table. Touches math, producer (the
 * synthetic matrix, the publisher and response records) and schemas; never the aggregator or the CLI.
 */
package io.modelmap.eval.bench;
