/** Response similarity (WildChat-50M): every model's responses compared, as they arrive, with the others' to the same prompts. */
package io.modelmap.aggregator.responses;
