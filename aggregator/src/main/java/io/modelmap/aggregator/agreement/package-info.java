/**
 * Agreement on error, live (correlated-errors paper §3.1): multiple-choice items and models' answers
 * meet in one task, every accepted answer updates the counts of its model's pairs in O(K), and the
 * changed pairs are published to {@code error-agreement} with their counts.
 */
package io.modelmap.aggregator.agreement;
