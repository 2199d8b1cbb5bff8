package io.disruptorx.engine.sbe;

/**
 * Why {@link SbeCommandDispatcher} did not apply a message. Such a message never reaches the engine.
 */
public enum DispatchReject
{
    /** Fewer bytes than the header, or than the header plus the block length it declares. */
    TRUNCATED,

    /** The header names another schema than the commands schema. */
    WRONG_SCHEMA,

    /** The header's version is newer than this build understands: fields it cannot see could change meaning. */
    UNSUPPORTED_VERSION,

    /** No command has this template id. */
    UNKNOWN_TEMPLATE,

    /** The header declares a block shorter than the command's fields need. */
    BLOCK_TOO_SHORT,

    /** A boolean field holds neither 0 nor 1. */
    INVALID_BOOLEAN;

    private static final DispatchReject[] VALUES = values();

    /**
     * @return the number of causes, for sizing counters.
     */
    public static int count()
    {
        return VALUES.length;
    }
}
