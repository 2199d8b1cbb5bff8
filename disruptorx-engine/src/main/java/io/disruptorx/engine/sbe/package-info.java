/**
 * The engine on the wire: {@link io.disruptorx.engine.sbe.SbeCommandDispatcher} reads SBE commands in place
 * into the {@link io.disruptorx.engine.MatchingEngine}; {@link io.disruptorx.engine.sbe.SbeEventEncoder}
 * writes its events and market data as SBE messages. Schemas and layouts: docs/protocol.md.
 */
package io.disruptorx.engine.sbe;
