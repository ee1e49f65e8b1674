/**
 * Source documents read from files: the Pile's JSONL ({@code .jsonl}, {@code .gz}, {@code .zst}) and
 * plain-text files or folders. Touches only the file system, Jackson and zstd-jni; chunking and
 * publishing stay in the producer.
 */
package io.modelmap.formats.corpus;
