/**
 * Response similarity (WildChat-50M): rouge-score's tokens with NLTK's default Porter stemmer, ROUGE-N and
 * ROUGE-L, sentence BLEU and METEOR with WordNet 3.0 synonyms, each model pair's exact running sums, and
 * lineage from responses beside lineage from KL. Pure Java; WordNet's data comes from Maven Central.
 */
package io.modelmap.math.responses;
