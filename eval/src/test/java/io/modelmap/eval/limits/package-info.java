/**
 * What the shared data can and cannot show (issue 30, item 6): each number docs/RESULTS.md states,
 * computed from copies of the shared data and checked against an independent Python computation.
 */
package io.modelmap.eval.limits;
