/**
 * Building a corpus by the modelmap paper's §3.1 procedure: documents (read by
 * {@code io.modelmap.formats.corpus}) split into 1,024-byte UTF-8 chunks without cutting a character,
 * chunks under 256 bytes dropped, N sampled with a seed, each chunk keeping its source's category.
 */
package io.modelmap.producer.corpus;
