/** The worker loop: score tasks in, text scores out, at least once (the aggregator deduplicates). */
package io.modelmap.scorer.worker;
