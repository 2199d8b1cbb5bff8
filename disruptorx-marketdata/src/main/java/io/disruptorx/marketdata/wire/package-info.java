/**
 * Wire layouts: MoldUDP64 packets and requests, SoupBinTCP packets and the recovery (snapshot and
 * retransmission) request/response frames. Constants only, plus small helpers to read and write them.
 */
package io.disruptorx.marketdata.wire;
