/**
 * EmbedLLM's evaluation protocols on a model × question answer table: the correctness matrix, the
 * 80/10/10 question split, the KNN baseline with k chosen on validation, the per-category router
 * baseline, a frozen encoder's vectors cached on disk, the router's timing, fold-in
 * against full training and the §5.3 benchmark forecast. The models themselves (encoder, EmbedLLM,
 * KNN, router quality) are in {@code io.modelmap.math.embed}; this package touches math, the producer's
 * answer table and the schemas' item records, and prints nothing (the encoding cache writes only its own file).
 */
package io.modelmap.eval.embedllm;
