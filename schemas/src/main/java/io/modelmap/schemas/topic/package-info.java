/** Topic names, their serdes and their creation with the cleanup policies of the design. */
package io.modelmap.schemas.topic;
