/**
 * Log-likelihoods of texts (modelmap paper §2.2): the start token as y_0, every text token scored,
 * sliding windows past the context length, batches by length, log-softmax and gather on the device.
 */
package io.modelmap.scorer.scoring;
