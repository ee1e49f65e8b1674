/**
 * Training small causal language models with DJL's autograd (PyTorch engine) on the scorer's own
 * GPT-2 forward pass, and the checkpoints they make: trained, merged (weight interpolation) and
 * rounded, all in the Hugging Face layout the scorer reads.
 */
package io.modelmap.scorer.training;
