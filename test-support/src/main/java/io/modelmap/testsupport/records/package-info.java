/**
 * Record bytes for tests of what the consumers accept: random valid records of any schema
 * ({@link io.modelmap.testsupport.records.RandomRecords}), length bombs of any schema
 * ({@link io.modelmap.testsupport.records.LengthBombs}) or written field by field
 * ({@link io.modelmap.testsupport.records.WireBytes}), and bytes that are not a record at all
 * ({@link io.modelmap.testsupport.records.BadRecords}).
 */
package io.modelmap.testsupport.records;
