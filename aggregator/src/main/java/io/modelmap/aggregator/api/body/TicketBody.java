package io.modelmap.aggregator.api.body;

/**
 * A ticket for one event stream: {@code GET /api/events?ticket=...} within {@code expiresInSeconds},
 * once. Browsers' EventSource sends no Authorization header; the page gets this with the header instead.
 */
public record TicketBody(String ticket, long expiresInSeconds) {}
