/**
 * The audit trail: session events and commands with the identity that sent them, in an append-only log whose
 * records are hash-chained with SHA-256; written off the hot path from a ring, verified and queried offline.
 */
package io.disruptorx.audit;
