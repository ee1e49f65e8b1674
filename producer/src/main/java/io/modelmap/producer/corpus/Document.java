package io.modelmap.producer.corpus;

/**
 * A source document with its category (for example the Pile's {@code pile_set_name}).
 *
 * @param text the document
 * @param category its category label
 */
public record Document(String text, String category) {}
