/**
 * The matching engine as an Aeron Cluster service: command de-duplication, per-gateway event streams with replay,
 * timers, snapshots, and each member's feed.
 */
package io.disruptorx.cluster.service;
