/**
 * Edge value encodings: decimals to and from engine units, textual client order ids to and from longs.
 */
package io.disruptorx.gateway.codec;
