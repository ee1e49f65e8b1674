/** Fanning a registered model out into {@code score-tasks}, a chunk of text ids per task. */
package io.modelmap.producer.fanout;
