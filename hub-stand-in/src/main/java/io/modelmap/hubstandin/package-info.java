/**
 * A Hugging Face Hub on loopback: {@link io.modelmap.hubstandin.HubStandIn} (the API, resolve and a CDN, with faults
 * to inject; the {@code /api/models} listing of {@code ListingPages}) and its repositories
 * ({@link io.modelmap.hubstandin.StandInRepo}, listed with a {@link io.modelmap.hubstandin.ListingCard}). The tests'
 * Hub, and the one {@code demo --watch} publishes its three models to.
 */
package io.modelmap.hubstandin;
