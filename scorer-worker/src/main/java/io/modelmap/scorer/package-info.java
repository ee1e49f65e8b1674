/** The scorer worker: language models on DJL (PyTorch engine) scoring corpus texts. */
package io.modelmap.scorer;
