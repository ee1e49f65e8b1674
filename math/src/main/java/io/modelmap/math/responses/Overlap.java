package io.modelmap.math.responses;

/** Precision, recall and F1 of a candidate against a reference (rouge-score's Score). */
public record Overlap(double precision, double recall, double f1) {
  static Overlap of(double matches, int candidate, int reference) {
    double p = candidate == 0 ? 0 : matches / candidate;
    double r = reference == 0 ? 0 : matches / reference;
    return new Overlap(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
  }
}
