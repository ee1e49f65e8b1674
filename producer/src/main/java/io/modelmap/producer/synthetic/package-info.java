/** Synthetic but realistic score streams at any scale, for benchmarks and load tests. */
package io.modelmap.producer.synthetic;
