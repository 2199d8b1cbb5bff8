/**
 * Wire layouts: MoldUDP64 packets and requests and the recovery (snapshot and retransmission) request/response
 * frames, which travel framed as SoupBinTCP packets ({@link io.disruptorx.protocol.soupbintcp.SoupBinTcp}, shared
 * with the order entry gateway). Constants only, plus small helpers to read and write them.
 */
package io.disruptorx.marketdata.wire;
