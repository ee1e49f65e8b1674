/**
 * Tiny GPT-2 checkpoints in the Hugging Face layout (made by {@code checkpoint}), written
 * deterministically from seeds: unrelated
 * bases, fine-tuned variants (weight perturbations), an exact copy and interpolations (paper §6.3).
 */
package io.modelmap.scorer.demo;
