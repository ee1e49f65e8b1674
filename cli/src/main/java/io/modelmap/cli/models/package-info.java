/**
 * Commands that make checkpoints to map: {@code train}, {@code merge} and {@code quantize}, writing through
 * {@link io.modelmap.cli.models.CheckpointOutput}. May touch the scorer's checkpoint and training code,
 * the corpus builders and {@code support}; no other command package.
 */
package io.modelmap.cli.models;
