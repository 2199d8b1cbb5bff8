/**
 * A cluster member's market data feed: the engine's deterministic output published by every member on its own
 * line.
 */
package io.disruptorx.cluster.feed;
