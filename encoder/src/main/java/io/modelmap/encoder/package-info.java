/**
 * Pretrained question encoders behind {@link io.modelmap.math.embed.QuestionEncoder}: all-MiniLM-L6-v2 on
 * ONNX Runtime ({@link io.modelmap.encoder.MiniLmEncoder}). Kept out of math, which stays plain Java.
 */
package io.modelmap.encoder;
