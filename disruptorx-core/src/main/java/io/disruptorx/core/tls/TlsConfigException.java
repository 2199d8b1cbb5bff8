package io.disruptorx.core.tls;

/**
 * A TLS setting that cannot be used: a store that cannot be read, a wrong password, an unknown protocol or cipher
 * suite. The message names the file or the setting and never a password.
 */
public final class TlsConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong.
     * @param cause   the provider's exception.
     */
    public TlsConfigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
