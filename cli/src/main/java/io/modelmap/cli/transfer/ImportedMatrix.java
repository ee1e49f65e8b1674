package io.modelmap.cli.transfer;

import io.modelmap.producer.corpus.CorpusText;
import java.util.List;
import java.util.Map;

/**
 * A log-likelihood matrix read from CSV, with the problems found on the way.
 *
 * @param texts the corpus metadata, in column order
 * @param rows model id → its row (NaN where not scored), in file order
 * @param problems one line per skipped row, naming file and line
 */
record ImportedMatrix(List<CorpusText> texts, Map<String, double[]> rows, List<String> problems) {}
