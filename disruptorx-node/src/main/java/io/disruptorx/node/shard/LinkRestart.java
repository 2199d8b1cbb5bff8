package io.disruptorx.node.shard;

import io.disruptorx.node.embedded.NodeConfig;

/**
 * A link the restarted host knows from the gateway's HELLO only.
 *
 * @param first        the first frame of the gateway's log: the frames before it are durable here.
 * @param lastEvent    command sequence of the last event the gateway has.
 * @param eventsOfLast events of that command it has.
 * @param durable      the journal sequence the frames before {@code first} are durable up to (at most lastEvent).
 * @param recovered    the sequence the node recovered to.
 * @param applied      the sequence the node had applied once the link's venue client joined (at least
 *                     {@code recovered}: other links' commands the restarted process applied before).
 * @param config       the node's settings.
 */
record LinkRestart(long first, long lastEvent, long eventsOfLast, long durable, long recovered, long applied,
    NodeConfig config)
{
}
