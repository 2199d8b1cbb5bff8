/**
 * The feed client: {@link io.disruptorx.marketdata.client.FeedClient} arbitrates lines A and B by sequence,
 * detects gaps, re-requests with jittered backoff and falls back to a snapshot;
 * {@link io.disruptorx.marketdata.client.FeedClientRunner} gives it sockets and a thread.
 */
package io.disruptorx.marketdata.client;
