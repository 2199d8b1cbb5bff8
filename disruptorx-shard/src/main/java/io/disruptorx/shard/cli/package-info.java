/**
 * {@code dx shard}: the routing table on disk, each shard's instruments and load, and rebalancing plans.
 */
package io.disruptorx.shard.cli;
