/**
 * The JSON leg of {@code dx bench gateway}: WebSocket API order entry against the node's JSON edge, with the JDK's
 * WebSocket client.
 */
package io.disruptorx.bench.json;
