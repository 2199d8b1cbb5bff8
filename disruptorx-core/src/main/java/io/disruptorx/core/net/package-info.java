/**
 * What every TCP edge of the venue shares about its connections: limits on how many it holds in all and from one
 * source address ({@link io.disruptorx.core.net.ConnectionLimiter}).
 */
package io.disruptorx.core.net;
