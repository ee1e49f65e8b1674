/**
 * Collaborative performance prediction (CPP) evaluated as the paper does: Table 1 (MF, NCF, NCF +
 * factors, factors only on held-out cells) and Table 4 (CPP-0 and CPP-2 for named models), with the
 * paper's figures beside, and the methods compared split by split (paired t, Wilcoxon). The models,
 * the held-out protocol and both rank protocols are in {@code io.modelmap.math.collab};
 * this package touches only math and prints nothing.
 */
package io.modelmap.eval.cpp;
