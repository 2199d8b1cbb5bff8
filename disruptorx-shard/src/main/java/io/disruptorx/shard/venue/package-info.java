/**
 * The sharded venue as a gateway sees it: {@link io.disruptorx.shard.venue.ShardedVenueClient} routes each command
 * to its shard and merges the shards' events into one stream.
 */
package io.disruptorx.shard.venue;
