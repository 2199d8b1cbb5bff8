/**
 * Instrument reference data the gateway converts with.
 */
package io.disruptorx.gateway.reference;
