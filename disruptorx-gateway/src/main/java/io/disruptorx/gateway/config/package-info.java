/**
 * Gateway configuration and its HOCON binding.
 */
package io.disruptorx.gateway.config;
