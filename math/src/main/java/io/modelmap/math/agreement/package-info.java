/**
 * Agreement on error (correlated-errors paper §3.1, §4; DESIGN.md §3) in plain Java: the counts a
 * pair of models accumulates item by item, the rates and random baseline derived from them, and the
 * LLM-as-judge accuracy inflation.
 */
package io.modelmap.math.agreement;
