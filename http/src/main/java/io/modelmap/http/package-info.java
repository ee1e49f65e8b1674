/**
 * The one HTTP layer of every service (the aggregator's API and internal views, the worker's
 * metrics, the embedded schema registry): Javalin 7 on Jetty 12 with typed {@link
 * io.modelmap.http.ServerSettings}, bounded threads, read and idle timeouts, a connection cap, one
 * route table per server, an optional bearer token (and tickets for event streams, which browsers open
 * without headers), and errors as one JSON line without stack traces.
 */
package io.modelmap.http;
