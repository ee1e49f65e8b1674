/** Registering models: the {@code model-registered} event. */
package io.modelmap.producer.registration;
