package io.disruptorx.node.embedded;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's counters and sequences written by one thread: a reader on another thread never sees one go back, and
 * sees the last value once the writer is done.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SingleWriterLongTest
{
    private static final int WRITES = 200_000;

    @Test
    void shouldCountFromTheStartValueAndSetAValue()
    {
        final SingleWriterLong value = new SingleWriterLong(41);
        value.increment();
        assertThat(value.get()).isEqualTo(42);
        value.set(-7);
        assertThat(value.get()).isEqualTo(-7);
        value.increment();
        assertThat(value.get()).isEqualTo(-6);
    }

    @Test
    void shouldNeverGoBackForAReaderOnAnotherThread() throws InterruptedException
    {
        final SingleWriterLong counter = new SingleWriterLong(0);
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong wentBack = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            long last = 0;
            boolean finished = false;
            while (!finished)
            {
                finished = done.get();
                final long seen = counter.get();
                if (seen < last)
                {
                    wentBack.incrementAndGet();
                }
                last = seen;
            }
            assertThat(last).isEqualTo(WRITES);
        }, "reader");
        final AtomicBoolean readerFailed = new AtomicBoolean();
        reader.setUncaughtExceptionHandler((thread, ex) -> readerFailed.set(true));
        reader.start();
        for (int i = 0; i < WRITES; i++)
        {
            counter.increment();
        }
        done.set(true);
        reader.join();
        assertThat(wentBack.get()).isZero();
        assertThat(readerFailed.get()).isFalse();
        assertThat(counter.get()).isEqualTo(WRITES);
    }
}
