package io.modelmap.aggregator.api.body;

/**
 * Two models' mean response similarity over the prompts both answered (response-similarity); {@code meteor} is
 * null for a record written before METEOR was added.
 */
public record ResponseSimilarityBody(String modelA, String modelB, long prompts, double rouge1F, double rouge2F,
    double rougeLF, double bleu, Double meteor) {}
