/**
 * The one scaffold of the TCP servers: {@link io.disruptorx.marketdata.server.tcp.PacketServer} accepts
 * connections and splits what they send into SoupBinTCP-framed packets ({@code [length u16][type][payload]}),
 * polled from an agent's duty cycle; {@link io.disruptorx.marketdata.server.tcp.PacketConnection} buffers
 * what goes back. The protocols on top (recovery requests, the SoupBinTCP feed) live in the server package.
 */
package io.disruptorx.marketdata.server.tcp;
