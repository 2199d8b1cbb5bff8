/**
 * Market data: the MoldUDP64 feed publisher (lines A and B, multicast or unicast), the SoupBinTCP feed,
 * the snapshot and retransmission servers, and the recovering client with its local books.
 * Protocol and state machine: {@code docs/marketdata.md}.
 */
package io.disruptorx.marketdata;
