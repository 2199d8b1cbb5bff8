/**
 * The protocol-neutral session model: sessions, accounts, live orders, requests, reports and their routing.
 */
package io.disruptorx.gateway.core;
