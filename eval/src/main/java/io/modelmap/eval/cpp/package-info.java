/**
 * Collaborative performance prediction (CPP) evaluated as the paper does: Table 1 (MF, NCF, NCF +
 * factors, factors only on held-out cells) and Table 4 (CPP-0 and CPP-2 for named models), with the
 * paper's figures beside. The models and the held-out protocol are in {@code io.modelmap.math.collab};
 * this package touches only math and prints nothing.
 */
package io.modelmap.eval.cpp;
