/**
 * Users, their accounts and session kinds, and how a login is authenticated.
 */
package io.disruptorx.gateway.auth;
