/**
 * The gateway's audit trail: its session events and requests into the audit log's ring.
 */
package io.disruptorx.gateway.audit;
