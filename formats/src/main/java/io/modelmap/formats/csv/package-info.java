/**
 * The one CSV dialect of every file users exchange with the system (RFC 4180, a header row, UTF-8,
 * numbers that round-trip). Touches only Commons CSV and the id rules of {@code schemas}.
 */
package io.modelmap.formats.csv;
