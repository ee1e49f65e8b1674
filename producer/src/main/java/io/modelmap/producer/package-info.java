/** The producer: publishes registrations, corpora and score tasks. */
package io.modelmap.producer;
