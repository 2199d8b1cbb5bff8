package io.disruptorx.cluster;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import org.agrona.ErrorHandler;

/**
 * An error handler for Aeron's contexts (a member's, a cluster client's): prints each distinct error (type and
 * message) the first time, then every 1,000th repeat with its count, so a network fault that fails every send
 * cannot flood the log (Aeron reports each failed datagram). It never ends the process, unlike Aeron's default
 * handler, which calls {@code System.exit} on a media driver timeout. A member's media driver, archive and
 * consensus module also keep every error in their own error logs (the mark files).
 */
public final class ErrorLog implements ErrorHandler
{
    private static final int REPEAT_EVERY = 1_000;
    private static final int MAX_DISTINCT = 1_000;

    private final String source;
    private final PrintStream out;
    private final Map<String, Long> seen = new HashMap<>();

    /**
     * @param source what each line starts with, e.g. {@code member 2}.
     * @param out    where the lines go.
     */
    public ErrorLog(final String source, final PrintStream out)
    {
        this.source = source;
        this.out = out;
    }

    @Override
    public synchronized void onError(final Throwable throwable)
    {
        final String key = throwable.getClass().getName() + ": " + throwable.getMessage();
        final long count = seen.merge(key, 1L, Long::sum);
        if (seen.size() > MAX_DISTINCT)
        {
            seen.clear();
        }
        if (count == 1)
        {
            out.println(source + ": " + throwable);
        }
        else if (count % REPEAT_EVERY == 0)
        {
            out.println(source + ": " + throwable + " (" + count + " times)");
        }
        out.flush();
    }
}
