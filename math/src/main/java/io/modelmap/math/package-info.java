/**
 * The science of the model map (modelmap paper §2–3), in plain Java with no Kafka imports: double
 * centring of the log-likelihood matrix, the KL estimates in nats and bits per byte, the overlap
 * estimator for partial rows, optional quantile clipping and the batch reference that the streaming
 * aggregator must equal.
 */
package io.modelmap.math;
