package io.disruptorx.cluster;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import org.agrona.ErrorHandler;

/**
 * A member's error handler: prints each distinct error (type and message) the first time, then every 1,000th
 * repeat with its count, so a network fault that fails every send cannot flood the log (Aeron reports each
 * failed datagram). Aeron's own error log in the mark files still records everything.
 */
final class ErrorLog implements ErrorHandler
{
    private static final int REPEAT_EVERY = 1_000;
    private static final int MAX_DISTINCT = 1_000;

    private final int memberId;
    private final PrintStream out;
    private final Map<String, Long> seen = new HashMap<>();

    ErrorLog(final int memberId, final PrintStream out)
    {
        this.memberId = memberId;
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
            out.println("member " + memberId + ": " + throwable);
        }
        else if (count % REPEAT_EVERY == 0)
        {
            out.println("member " + memberId + ": " + throwable + " (" + count + " times)");
        }
        out.flush();
    }
}
