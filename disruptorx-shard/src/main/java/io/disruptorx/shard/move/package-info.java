/**
 * Moving an instrument online from one shard to another: the mover, its journal and its steps.
 */
package io.disruptorx.shard.move;
