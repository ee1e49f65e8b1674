/**
 * GPT-2 checkpoints in the Hugging Face layout ({@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}): {@link io.modelmap.scorer.checkpoint.Gpt2Checkpoint} makes, transforms,
 * reads and writes them; the safetensors writer and the byte-level tokenizer are its parts. Touches
 * {@code model} (the config, safetensors reading, half floats) and nothing else in the worker; the
 * trainer, the demo zoo and the CLI's train, merge, quantize and bench commands use it.
 */
package io.modelmap.scorer.checkpoint;
