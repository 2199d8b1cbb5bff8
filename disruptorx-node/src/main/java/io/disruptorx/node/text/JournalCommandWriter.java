package io.disruptorx.node.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * Writes journalled commands as JSON lines with the user who sent each one: the order commands (new, cancel,
 * replace, mass cancel) with their account, ids and {@code userId} (0 when no user sent it, and for a command
 * journalled before schema version 2, which had no such field), a mass cancel of restored orders only (a move's
 * re-send, schema version 5) with {@code "restoredOnly":1}, and, when the user file names it, the user's
 * name. Other commands are written with their sequence and template only. An edge tool ({@code dx replay
 * --commands}), not a hot path.
 */
public final class JournalCommandWriter
{
    private final Writer out;
    private final Map<Long, String> userNames;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param out       destination; the caller closes it.
     * @param userNames user names by user id, for the {@code user} field; may be empty.
     */
    public JournalCommandWriter(final Writer out, final Map<Long, String> userNames)
    {
        this.out = out;
        this.userNames = Map.copyOf(userNames);
    }

    /**
     * Writes one command, or nothing when it is too short to hold a commands-schema header.
     *
     * @param sequence its journal sequence.
     * @param buffer   holding it.
     * @param offset   of its message header.
     * @param length   of header and body.
     */
    public void write(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
            header.wrap(buffer, offset).schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length - MessageHeaderDecoder.ENCODED_LENGTH < blockLength)
        {
            return;
        }
        line.setLength(0);
        line.append("{\"seq\":").append(sequence).append(",\"version\":").append(version);
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
            {
                final NewOrderDecoder m = newOrder.wrap(buffer, body, blockLength, version);
                command("NewOrder", m.timestamp()).field("accountId", m.accountId())
                    .field("clientOrderId", m.clientOrderId()).field("instrumentId", m.instrumentId())
                    .field("price", m.price()).field("quantity", m.quantity())
                    .user(version < NewOrderDecoder.userIdSinceVersion() ? 0 : m.userId());
                break;
            }
            case CancelOrderDecoder.TEMPLATE_ID:
            {
                final CancelOrderDecoder m = cancelOrder.wrap(buffer, body, blockLength, version);
                command("CancelOrder", m.timestamp()).field("accountId", m.accountId())
                    .field("requestId", m.requestId()).field("orderId", m.orderId())
                    .user(version < CancelOrderDecoder.userIdSinceVersion() ? 0 : m.userId());
                break;
            }
            case ReplaceOrderDecoder.TEMPLATE_ID:
            {
                final ReplaceOrderDecoder m = replaceOrder.wrap(buffer, body, blockLength, version);
                command("ReplaceOrder", m.timestamp()).field("accountId", m.accountId())
                    .field("requestId", m.requestId()).field("orderId", m.orderId())
                    .field("newPrice", m.newPrice()).field("newQuantity", m.newQuantity())
                    .user(version < ReplaceOrderDecoder.userIdSinceVersion() ? 0 : m.userId());
                break;
            }
            case MassCancelDecoder.TEMPLATE_ID:
            {
                final MassCancelDecoder m = massCancel.wrap(buffer, body, blockLength, version);
                command("MassCancel", m.timestamp()).field("accountId", m.accountId())
                    .field("instrumentId", m.instrumentId()).field("requestId", m.requestId());
                if (version >= MassCancelDecoder.restoredOnlySinceVersion() && m.restoredOnlyRaw() != 0)
                {
                    field("restoredOnly", m.restoredOnlyRaw());
                }
                user(version < MassCancelDecoder.userIdSinceVersion() ? 0 : m.userId());
                break;
            }
            default:
                line.append(",\"templateId\":").append(header.templateId());
                break;
        }
        line.append("}\n");
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private JournalCommandWriter command(final String type, final long timestamp)
    {
        line.append(",\"type\":\"").append(type).append("\",\"timestamp\":").append(timestamp);
        return this;
    }

    private JournalCommandWriter field(final String name, final long value)
    {
        line.append(",\"").append(name).append("\":").append(value);
        return this;
    }

    private void user(final long userId)
    {
        field("userId", userId);
        final String name = userNames.get(userId);
        if (name != null)
        {
            line.append(",\"user\":\"");
            for (int i = 0; i < name.length(); i++)
            {
                final char c = name.charAt(i);
                if (c == '"' || c == '\\')
                {
                    line.append('\\');
                }
                if (c < 0x20)
                {
                    line.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    line.append(c);
                }
            }
            line.append('"');
        }
    }
}
