package io.disruptorx.gateway.json;

/**
 * A request the edge refuses, with its code and a message for the client; thrown by parsing and checks, caught where
 * the answer is written, so it never leaves the edge.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    /**
     * @param error   the code.
     * @param message what the client reads.
     */
    public ApiException(final ApiError error, final String message)
    {
        super(message, null, false, false);
        this.error = error;
    }

    /**
     * @param error the code, with its standard message.
     */
    public ApiException(final ApiError error)
    {
        this(error, error.message());
    }

    /**
     * @return the code.
     */
    public ApiError error()
    {
        return error;
    }
}
