/**
 * The FIX 4.4 order-entry edge on Artio. A FIX session is a gateway session (one user on the FIX protocol):
 * Logon carries Username(553) and Password(554), checked by the gateway's authenticator on the gateway thread;
 * NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderMassCancelRequest and OrderStatusRequest
 * become the core's {@code newOrder}, {@code cancel}, {@code replace}, {@code massCancel} and {@code orderStatus};
 * the session's routed reports are sent,
 * in their sequence, as ExecutionReport, OrderCancelReject and OrderMassCancelReport. Artio keeps the FIX session
 * layer: sequence numbers (persistent), heartbeats, test requests, and resend requests answered from its archive.
 * {@link io.disruptorx.gateway.fix.FixGateway} is an Agrona agent to run on the gateway's thread beside
 * {@link io.disruptorx.gateway.Gateway}.
 */
package io.disruptorx.gateway.fix;
