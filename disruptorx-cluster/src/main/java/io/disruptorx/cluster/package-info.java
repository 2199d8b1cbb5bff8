/**
 * The replicated host: the engine on Aeron Cluster (Raft), a member launcher and its configuration.
 */
package io.disruptorx.cluster;
