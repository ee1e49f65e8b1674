package io.modelmap.schemas.registry;

/**
 * One version of a subject, as the embedded registry stores it.
 *
 * @param subject the subject
 * @param version 1-based version within the subject
 * @param id global schema id
 * @param schema the schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {}
