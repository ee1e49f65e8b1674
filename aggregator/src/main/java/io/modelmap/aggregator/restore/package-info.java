/**
 * Restores that cannot be poisoned: stores whose restore callback leaves out changelog records that do
 * not decode ({@link io.modelmap.aggregator.restore.GuardedStores}), counting them and sending each to a
 * dead-letter topic ({@link io.modelmap.aggregator.restore.RestoreRejects}).
 */
package io.modelmap.aggregator.restore;
