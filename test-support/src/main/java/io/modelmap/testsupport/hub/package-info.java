/**
 * A Hugging Face Hub on loopback for tests: {@link io.modelmap.testsupport.hub.HubStandIn} (the API, resolve
 * and a CDN, with faults; the {@code /api/models} listing of {@code ListingPages}),
 * its repositories ({@link io.modelmap.testsupport.hub.StandInRepo}, listed with a
 * {@link io.modelmap.testsupport.hub.ListingCard}), a tiny Llama
 * checkpoint to push ({@link io.modelmap.testsupport.hub.TinyLlama}) and a JUnit extension that starts one
 * with that checkpoint ({@link io.modelmap.testsupport.hub.StandInHub}).
 */
package io.modelmap.testsupport.hub;
