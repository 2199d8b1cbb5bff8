/**
 * Local order books built from the feed: by order (time priority within a level) and by price level, for
 * every instrument, plus the SBE decoding that applies incrementals and the snapshot frame codec.
 */
package io.disruptorx.marketdata.book;
