/**
 * A bare price-time order book, usable on its own or driven by the engine: one {@link
 * io.disruptorx.engine.book.OrderBook} per instrument, caller-chosen order ids, pooled orders and levels, events
 * through a {@link io.disruptorx.engine.book.BookListener} with primitive arguments. The
 * {@link io.disruptorx.engine.MatchingEngine} matches through this package; it adds accounts, risk, fees and
 * self-trade prevention (a {@link io.disruptorx.engine.book.MatchHook}) around it.
 */
package io.disruptorx.engine.book;
