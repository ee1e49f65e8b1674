package io.modelmap.formats.matrix;

import java.util.List;
import java.util.Map;

/**
 * A log-likelihood matrix read from CSV, with the problems found on the way.
 *
 * @param texts the corpus metadata, in column order
 * @param rows model id → its row (NaN where not scored), in file order
 * @param problems one line per skipped row, naming file and line
 */
public record ImportedMatrix(List<TextMetadata> texts, Map<String, double[]> rows, List<String> problems) {}
