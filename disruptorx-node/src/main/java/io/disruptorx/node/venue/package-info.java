/**
 * The embedded node as a venue for order-entry gateways, and the gateways it runs.
 */
package io.disruptorx.node.venue;
