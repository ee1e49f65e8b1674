/** Connection settings and the small typed publishing and reading helpers every command uses. */
package io.modelmap.producer.kafka;
