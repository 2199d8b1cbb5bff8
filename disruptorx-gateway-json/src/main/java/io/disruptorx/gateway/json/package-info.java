/**
 * The JSON order-entry edge in the shape of Binance's spot API: REST ({@code /api/v3/...}) and a WebSocket API
 * ({@code /ws-api/v3}: order entry and the user data stream) mounted on the venue's HTTP server, requests signed
 * with an API key (HMAC-SHA256 or Ed25519), each user one session of the gateway core.
 */
package io.disruptorx.gateway.json;
