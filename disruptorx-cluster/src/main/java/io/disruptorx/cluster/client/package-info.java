/**
 * The cluster as a {@link io.disruptorx.protocol.venue.VenueClient}: commands through the cluster's ingress,
 * events from its egress, exactly once across leader changes and reconnects.
 */
package io.disruptorx.cluster.client;
