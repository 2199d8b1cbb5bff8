/**
 * Which shard owns each instrument. {@link io.disruptorx.shard.routing.RoutingTable} is one version of the routes
 * (the consistent-hash ring over the shards, with per-instrument overrides), {@link
 * io.disruptorx.shard.routing.RoutingTableStore} keeps the newest version on disk, and {@link
 * io.disruptorx.shard.routing.ShardIds} makes order and trade ids unique over all shards. Design and figures:
 * docs/scaling.md.
 */
package io.disruptorx.shard.routing;
