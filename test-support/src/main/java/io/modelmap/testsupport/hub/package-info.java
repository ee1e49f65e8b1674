/**
 * The Hub stand-in's test fixtures: a tiny Llama checkpoint to push ({@link io.modelmap.testsupport.hub.TinyLlama})
 * and a JUnit extension that starts an {@link io.modelmap.hubstandin.HubStandIn} with that checkpoint
 * ({@link io.modelmap.testsupport.hub.StandInHub}); the stand-in itself is the hub-stand-in module's.
 */
package io.modelmap.testsupport.hub;
