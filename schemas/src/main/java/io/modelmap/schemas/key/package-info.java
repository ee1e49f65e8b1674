/**
 * Identifiers and record keys (DESIGN §4 "Identifiers and keys"): which model, text, item, corpus and
 * benchmark ids are accepted ({@link io.modelmap.schemas.key.Ids}), and the percent-encoded composite
 * keys that join them ({@link io.modelmap.schemas.key.CompositeKey}).
 */
package io.modelmap.schemas.key;
