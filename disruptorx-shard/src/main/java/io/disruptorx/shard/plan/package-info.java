/**
 * Load-aware rebalancing: {@link io.disruptorx.shard.plan.ShardPlanner} proposes instrument moves that bring every
 * shard under a target load with few moves.
 */
package io.disruptorx.shard.plan;
