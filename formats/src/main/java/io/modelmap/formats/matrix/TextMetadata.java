package io.modelmap.formats.matrix;

/**
 * One row of {@code texts.csv}: what is known of a text whose log-likelihoods are imported (the text
 * itself is not in the file).
 *
 * @param textId id, unique within the corpus
 * @param index its column in L (the row's position in {@code texts.csv}, from 0)
 * @param category category label
 * @param byteLength UTF-8 length, positive
 */
public record TextMetadata(String textId, int index, String category, int byteLength) {}
