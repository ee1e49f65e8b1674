package io.modelmap.scorer.scoring;

/**
 * The score of one text.
 *
 * @param logLikelihood Σ log p(y_t | y_0..y_{t-1}) in nats
 * @param tokensScored tokens of the text scored
 * @param windowed whether the text needed more than one window
 */
public record TextLogLikelihood(double logLikelihood, int tokensScored, boolean windowed) {}
