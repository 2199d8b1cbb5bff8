/**
 * The shard link: a gateway's connection to a shard that runs in another process, over TCP (loopback or a private
 * network), carrying the venue's commands and events and the book reads of online moves.
 */
package io.disruptorx.shard.link;
