/**
 * Market data benchmarks: publisher packing rate, client decode-and-apply rate, 1,000-message gap recovery
 * over real loopback sockets, publisher CPU with 1 versus 20 unicast subscribers.
 */
package io.disruptorx.bench.md;
