/**
 * The query API's JSON bodies, one record each, as {@code openapi.json} describes them (a test checks
 * that the two agree). Null fields are left out.
 */
package io.modelmap.aggregator.api.body;
