/**
 * The market data schema's one encoder: {@link io.disruptorx.protocol.marketdata.MarketDataEncoder} writes each
 * incremental into a caller's buffer, for the engine's event encoder, the feed's snapshot session and tests.
 */
package io.disruptorx.protocol.marketdata;
