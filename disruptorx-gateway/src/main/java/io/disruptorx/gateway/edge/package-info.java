/**
 * Protocol edges that ship in a jar of their own beside {@code dx.jar} (FIX 4.4 on Artio, in {@code dx-fix.jar}):
 * each jar registers an {@link io.disruptorx.gateway.edge.EdgeProvider} with {@link java.util.ServiceLoader}, and
 * the node finds the installed ones at run time through {@link io.disruptorx.gateway.edge.InstalledEdges}, so the
 * node depends on this seam and never on the edge's libraries.
 */
package io.disruptorx.gateway.edge;
