package io.disruptorx.gateway.auth;

/**
 * A user file that cannot be used; the message names every problem (entry and key), never a secret.
 */
public final class UserFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong.
     */
    public UserFileException(final String message)
    {
        super(message);
    }
}
