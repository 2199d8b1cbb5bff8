/**
 * Message dialects of the SoupBinTCP gateway: the native SBE order-entry schema and parity's POE.
 */
package io.disruptorx.gateway.dialect;
