package io.disruptorx.node.text;

import io.disruptorx.engine.MatchingEngine;

/**
 * One parsed line of a command file, ready to apply to an engine.
 */
@FunctionalInterface
public interface TextCommand
{
    /**
     * @param engine engine to apply the command to.
     */
    void applyTo(MatchingEngine engine);
}
