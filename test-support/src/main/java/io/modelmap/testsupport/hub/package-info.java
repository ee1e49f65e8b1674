/**
 * A Hugging Face Hub on loopback for tests: {@link io.modelmap.testsupport.hub.HubStandIn} (the API, resolve
 * and a CDN, with faults), its repositories ({@link io.modelmap.testsupport.hub.StandInRepo}), a tiny Llama
 * checkpoint to push ({@link io.modelmap.testsupport.hub.TinyLlama}) and a JUnit extension that starts one
 * with that checkpoint ({@link io.modelmap.testsupport.hub.StandInHub}).
 */
package io.modelmap.testsupport.hub;
