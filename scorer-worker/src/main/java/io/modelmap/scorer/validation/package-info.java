/** modelmap §6: the KL estimate of the map against token-level KL, for models that share a tokenizer. */
package io.modelmap.scorer.validation;
