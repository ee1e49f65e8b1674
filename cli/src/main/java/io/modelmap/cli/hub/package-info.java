/**
 * Where the models a command maps or registers come from: local checkpoint folders
 * ({@link io.modelmap.cli.hub.LocalModels}), Hugging Face Hub ids downloaded into the cache
 * ({@link io.modelmap.cli.hub.HubModels}, progress by {@link io.modelmap.cli.hub.DownloadLines}), and the
 * id/revision rules of a Hub registration ({@link io.modelmap.cli.hub.HubRegistration}). Used by {@code map},
 * {@code register} and {@code validate-kl}; may touch the hub client, {@code support}, {@code runtime} and
 * {@code terminal} (the progress line).
 */
package io.modelmap.cli.hub;
