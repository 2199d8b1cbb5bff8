/**
 * The forced, append-only record file under the shard's move and transfer journals.
 */
package io.disruptorx.shard.store;
