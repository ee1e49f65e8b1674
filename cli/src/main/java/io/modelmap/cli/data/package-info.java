/**
 * Commands that put data on the map and take it off: {@code corpus}, the {@code import*} family (matrices,
 * items, answers, scores, benchmarks, responses) and {@code export}. May touch the producer, formats,
 * {@code support}, {@code runtime} (the embedded default, waiting for results) and {@code transfer} (the CSV
 * files in and out); no other command package.
 */
package io.modelmap.cli.data;
