/** Shared contracts of ModelMap Streams: Avro records, topics, serdes and the schema registry. */
package io.modelmap.schemas;
