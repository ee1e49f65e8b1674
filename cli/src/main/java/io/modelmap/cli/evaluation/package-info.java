/**
 * Commands that check the map and what it predicts: {@code agreement}, {@code compare-responses},
 * {@code cpp-eval}, {@code embedllm-eval} and {@code validate-kl}. May touch eval, math, formats, the scorer's
 * models, {@code support}, {@code hub} and {@code runtime}; no other command package.
 */
package io.modelmap.cli.evaluation;
