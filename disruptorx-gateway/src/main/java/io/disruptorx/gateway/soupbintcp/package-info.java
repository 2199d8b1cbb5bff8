/**
 * SoupBinTCP 3.00: the server transport of the binary gateway, driven by the gateway's duty cycle.
 */
package io.disruptorx.gateway.soupbintcp;
