/**
 * The cluster's own framing around the SBE commands and events: what gateways send through the ingress and what
 * the cluster sends back on the egress.
 */
package io.disruptorx.cluster.wire;
