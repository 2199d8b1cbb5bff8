/**
 * The server side: {@link io.disruptorx.marketdata.server.FeedPublisher} packs sequenced messages into
 * MoldUDP64 packets for lines A and B, {@link io.disruptorx.marketdata.server.MessageStore} keeps the
 * recent ones, and the retransmission, recovery (snapshot) and SoupBinTCP servers read that store on their
 * own threads while the publisher keeps running.
 */
package io.disruptorx.marketdata.server;
