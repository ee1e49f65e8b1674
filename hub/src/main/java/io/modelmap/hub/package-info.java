/**
 * Models from the Hugging Face Hub, stored in the cache Python's {@code huggingface_hub} uses: a
 * revision is resolved to a commit, only configuration, tokenizer and weight files are fetched, each is
 * checked against the Hub's hash, interrupted downloads resume, and processes sharing one cache download
 * a blob once. {@link io.modelmap.hub.HubClient} is the entry point; {@link io.modelmap.hub.HubSettings}
 * reads the environment as huggingface_hub documents it. {@link io.modelmap.hub.ModelListing} pages the Hub's
 * model listing ({@code /api/models}) for the Hub watcher.
 */
package io.modelmap.hub;
