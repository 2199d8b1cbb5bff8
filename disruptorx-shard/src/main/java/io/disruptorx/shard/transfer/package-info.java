/**
 * Money across shards: {@link io.disruptorx.shard.transfer.TransferCoordinator} moves an account's funds from one
 * shard's ledger to another's through both shards' logs, exactly once, with its own journal for crashes.
 */
package io.disruptorx.shard.transfer;
