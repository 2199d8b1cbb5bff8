/**
 * Order entry: the edge where clients' protocols meet the venue.
 *
 * <h2>Layers</h2>
 * <ul>
 *     <li>{@link io.disruptorx.gateway.core.GatewayCore} is the session model every protocol shares: logins and
 *     sessions (one per user and protocol, with its own report sequence and {@link
 *     io.disruptorx.gateway.core.ReportStore}), entitlement to accounts, throttling, open-order limits,
 *     decimal conversion into engine units, cancel-on-disconnect, the dead-man switch, drop copy, and the routing
 *     of the venue's events as {@link io.disruptorx.gateway.core.Report}s to every entitled session. It talks to
 *     the venue only through {@link io.disruptorx.protocol.venue.VenueClient}, so the same core runs on the
 *     embedded node and as a cluster client.</li>
 *     <li>A protocol is a thin adapter over the core: it frames and authenticates connections, decodes each
 *     inbound message into one core call ({@code newOrder}, {@code cancel}, {@code replace}, {@code massCancel},
 *     {@code cancelAfter}, {@code orderStatus}), and encodes the session's reports, read in sequence from its
 *     store, into its own messages; a {@link io.disruptorx.gateway.core.ReportFilter} says which reports it can
 *     express, decided when a report is sequenced so sequence numbers match what the client receives.
 *     {@link io.disruptorx.gateway.soupbintcp} is the SoupBinTCP transport with two dialects in
 *     {@link io.disruptorx.gateway.dialect}: native SBE and parity's POE. FIX and JSON adapters plug in the same
 *     way (see docs/gateways.md, "Adding a protocol").</li>
 *     <li>{@link io.disruptorx.gateway.Gateway} composes a core and its servers into one Agrona agent for a host
 *     thread; nothing here starts a thread.</li>
 * </ul>
 */
package io.disruptorx.gateway;
