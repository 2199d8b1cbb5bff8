/**
 * Shards as processes of their own: {@code dx shard-host} serves one embedded node's venue over the shard link, and
 * {@code dx shard-gateway} runs the order-entry gateway over several shard hosts with online moves.
 */
package io.disruptorx.node.shard;
