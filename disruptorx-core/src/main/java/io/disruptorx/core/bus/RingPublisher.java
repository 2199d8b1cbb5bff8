package io.disruptorx.core.bus;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;

/**
 * A partition's events as a {@link Flow.Publisher}, with back-pressure carried through to the ring: while the
 * subscriber's demand is zero the handler thread waits inside the ring, its sequence stops, and once the ring is
 * full producers block in {@code publish} or see {@code tryPublish} return false.
 * <p>
 * One subscriber per publisher (a second one gets {@code onError}). Until it subscribes, demand is zero, so the
 * ring backs up. {@code onNext} receives the ring's slot: it is valid only during the call; copy what you keep.
 * Cancelling lets the ring flow again (events are then skipped). {@code onComplete} is signalled when the topic
 * closes.
 *
 * @param <E> event type.
 */
public final class RingPublisher<E> implements Flow.Publisher<E>
{
    private static final long WAIT_NANOS = 1_000_000L;

    private final String name;
    private final AtomicLong demand = new AtomicLong();
    private final Handler handler = new Handler();
    private volatile Flow.Subscriber<? super E> subscriber;
    private volatile boolean cancelled;
    private volatile boolean stopped;
    private volatile Thread handlerThread;
    private volatile boolean waitingForDemand;

    RingPublisher(final String name)
    {
        this.name = name;
    }

    EventHandler<E> handler()
    {
        return handler;
    }

    @Override
    public synchronized void subscribe(final Flow.Subscriber<? super E> newSubscriber)
    {
        if (subscriber != null)
        {
            newSubscriber.onSubscribe(new Flow.Subscription()
            {
                @Override
                public void request(final long n)
                {
                }

                @Override
                public void cancel()
                {
                }
            });
            newSubscriber.onError(new IllegalStateException("publisher " + name + " already has a subscriber"));
            return;
        }
        subscriber = newSubscriber;
        newSubscriber.onSubscribe(new RingSubscription());
    }

    void stop()
    {
        stopped = true;
        wake();
    }

    private void wake()
    {
        final Thread thread = handlerThread;
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * @return outstanding demand (for tests and diagnostics).
     */
    public long outstandingDemand()
    {
        return demand.get();
    }

    /**
     * @return true while the handler holds an event back for lack of demand (its ring sequence cannot move).
     */
    public boolean waitingForDemand()
    {
        return waitingForDemand;
    }

    private final class RingSubscription implements Flow.Subscription
    {
        @Override
        public void request(final long n)
        {
            if (n <= 0)
            {
                cancelled = true;
                wake();
                final Flow.Subscriber<? super E> s = subscriber;
                s.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
                return;
            }
            demand.accumulateAndGet(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
            wake();
        }

        @Override
        public void cancel()
        {
            cancelled = true;
            wake();
        }
    }

    private final class Handler implements EventHandler<E>
    {
        @Override
        public void onStart()
        {
            handlerThread = Thread.currentThread();
        }

        @Override
        public void onEvent(final E event, final long sequence, final boolean endOfBatch)
        {
            while (true)
            {
                if (cancelled || stopped)
                {
                    waitingForDemand = false;
                    return;
                }
                if (subscriber != null && demand.get() > 0)
                {
                    break;
                }
                waitingForDemand = true;
                LockSupport.parkNanos(this, WAIT_NANOS);
            }
            waitingForDemand = false;
            if (demand.get() != Long.MAX_VALUE)
            {
                demand.decrementAndGet();
            }
            subscriber.onNext(event);
        }

        @Override
        public void onShutdown()
        {
            final Flow.Subscriber<? super E> s = subscriber;
            if (s != null && !cancelled)
            {
                s.onComplete();
            }
        }
    }
}
