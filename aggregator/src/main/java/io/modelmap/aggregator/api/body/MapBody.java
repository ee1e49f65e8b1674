package io.modelmap.aggregator.api.body;

import java.util.List;

/** The 2-D map of one corpus's complete models ({@code mapMethod}: pca or mds-kl). */
public record MapBody(String corpusId, int modelCount, String mapMethod, double meanTextBytes, List<MapPointBody> points) {}
