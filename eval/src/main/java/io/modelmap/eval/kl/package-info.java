/**
 * The modelmap paper's §6 validation of the KL estimate against token-level KL: the text-level check
 * (§6.2) over every pair of models. The token-level coordinates ζ come from the scorer (models run by
 * the command); this package touches only math and prints nothing.
 */
package io.modelmap.eval.kl;
