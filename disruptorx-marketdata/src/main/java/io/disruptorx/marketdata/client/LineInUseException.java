package io.disruptorx.marketdata.client;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * A feed line's local address is taken (another subscriber, often a second md-client, listens on it): unicast
 * lines deliver each datagram to one socket only, so two subscribers cannot share a port.
 */
public final class LineInUseException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final String line;
    private final InetSocketAddress address;

    /**
     * @param line    "line A" or "line B".
     * @param address the address that could not be bound.
     * @param cause   the bind failure.
     */
    public LineInUseException(final String line, final InetSocketAddress address, final BindException cause)
    {
        super(line + " " + address.getAddress().getHostAddress() + ":" + address.getPort() + " is in use (" +
            cause.getMessage() + ")", cause);
        this.line = line;
        this.address = address;
    }

    /**
     * @return "line A" or "line B".
     */
    public String line()
    {
        return line;
    }

    /**
     * @return the address in use.
     */
    public InetSocketAddress address()
    {
        return address;
    }
}
