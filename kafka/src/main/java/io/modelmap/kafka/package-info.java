/**
 * The Kafka plumbing every service shares: one connection ({@link io.modelmap.kafka.KafkaConnection},
 * the only place client {@link java.util.Properties} are built from the user's settings), the
 * {@link io.modelmap.kafka.Publisher}, one {@link io.modelmap.kafka.TopicFollower} that reads a topic
 * forward from where it stopped (with {@link io.modelmap.kafka.TopicReader} and
 * {@link io.modelmap.kafka.LatestByKey} over it), one {@link io.modelmap.kafka.Waiter} for waiting on
 * a remote condition (a look may end it with a {@link io.modelmap.kafka.StoppedLook}), and
 * {@link io.modelmap.kafka.SingleActive}, one active process per consumer group.
 */
package io.modelmap.kafka;
