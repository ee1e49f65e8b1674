/** Causal language models read from the Hugging Face layout and run on raw DJL NDArray ops. */
package io.modelmap.scorer.model;
