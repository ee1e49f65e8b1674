/** Model responses (read by {@code io.modelmap.formats.responses}) published to {@code model-responses}, and the demo prompts. */
package io.modelmap.producer.responses;
