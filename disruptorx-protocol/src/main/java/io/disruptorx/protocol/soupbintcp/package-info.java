/**
 * SoupBinTCP 3.00, the one home of its wire facts for every module that speaks it (the binary order entry gateway
 * and the market data feed): {@link io.disruptorx.protocol.soupbintcp.SoupBinTcp} for the framing, the packet types
 * and the header, {@link io.disruptorx.protocol.soupbintcp.LoginRequest} and
 * {@link io.disruptorx.protocol.soupbintcp.LoginAccepted} for the login packets' fields, and
 * {@link io.disruptorx.protocol.soupbintcp.AsciiFields} for the space-padded ASCII those fields are made of.
 */
package io.disruptorx.protocol.soupbintcp;
