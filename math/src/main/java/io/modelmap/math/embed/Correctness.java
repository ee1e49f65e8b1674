package io.modelmap.math.embed;

/** One observation of EmbedLLM's correctness matrix: did model {@code model} answer question {@code question} right. */
public record Correctness(int model, int question, boolean correct) {}
