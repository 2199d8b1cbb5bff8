/**
 * The seam between order-entry gateways and the venue host: {@link io.disruptorx.protocol.venue.VenueClient}
 * takes encoded commands and delivers encoded events, the same on the embedded node and on the cluster.
 */
package io.disruptorx.protocol.venue;
