package io.modelmap.formats.corpus;

/**
 * A source document with its id and category.
 *
 * @param id the document's id: a JSONL record's {@code id} field, else {@code <file name>:<line>}; for
 *     plain text, the file's path under the folder given
 * @param text the document
 * @param category its category label (for example the Pile's {@code meta.pile_set_name})
 */
public record Document(String id, String text, String category) {}
