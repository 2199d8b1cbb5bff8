/**
 * Clients of the binary gateway: SoupBinTCP and the native dialect, for tools, the demo, benchmarks and tests.
 */
package io.disruptorx.gateway.client;
