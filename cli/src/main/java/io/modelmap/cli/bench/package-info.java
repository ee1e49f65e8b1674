/** The paper-scale benchmark: a synthetic fleet through a real broker into an aggregator in its own JVM. */
package io.modelmap.cli.bench;
