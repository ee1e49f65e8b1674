/**
 * The CSV files of {@code modelmap export} (pandas reads them directly): the map, predictions,
 * analytics, agreement and the response view. Values in, files out; the CLI reads the topics and
 * decides what goes in. Touches {@code csv}, the Avro records and {@code math}'s lineage entries.
 */
package io.modelmap.formats.export;
