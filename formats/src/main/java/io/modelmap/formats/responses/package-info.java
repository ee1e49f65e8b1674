/** Prompt sets and model responses read from JSONL files. Touches {@code csv} (id rules) and {@code corpus} (compressed files). */
package io.modelmap.formats.responses;
