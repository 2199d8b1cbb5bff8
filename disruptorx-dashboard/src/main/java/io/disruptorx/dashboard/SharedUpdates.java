package io.disruptorx.dashboard;

/**
 * One timer tick's updates, built once per distinct page state: pages that show the same instrument and were sent
 * the same things so far get the very same update (the same String), so five pages watching one instrument cost one
 * build, not five. Remembers at most {@link #STATES} states a tick; a page in yet another state gets its own build.
 * Used by the dashboard's timer thread only.
 */
final class SharedUpdates
{
    static final int STATES = 16;

    private final DashboardUpdates updates;
    private final DashboardView[] before = new DashboardView[STATES];
    private final DashboardView[] after = new DashboardView[STATES];
    private final String[] built = new String[STATES];
    private final DashboardView overflow = new DashboardView();
    private int count;
    private long builds;

    SharedUpdates(final DashboardUpdates updates)
    {
        this.updates = updates;
        for (int i = 0; i < STATES; i++)
        {
            before[i] = new DashboardView();
            after[i] = new DashboardView();
        }
    }

    /**
     * Starts a tick: reads the metrics when due and forgets the previous tick's updates.
     *
     * @param nowNanos monotonic time.
     */
    void tick(final long nowNanos)
    {
        updates.tick(nowNanos);
        count = 0;
    }

    /**
     * @param view     a page.
     * @param nowNanos the tick's time.
     * @return its update (shared with the pages in the same state), or null for none now.
     */
    String update(final DashboardView view, final long nowNanos)
    {
        final int requested = view.requestedInstrument();
        for (int i = 0; i < count; i++)
        {
            if (view.sameState(before[i], requested, nowNanos))
            {
                view.copyState(after[i]);
                return built[i];
            }
        }
        final boolean remembered = count < STATES;
        final DashboardView work = remembered ? after[count] : overflow;
        work.copyState(view);
        work.select(requested);
        if (remembered)
        {
            before[count].copyState(view);
            before[count].select(requested);
        }
        final String update = updates.update(work, nowNanos);
        builds++;
        view.copyState(work);
        if (remembered)
        {
            built[count++] = update;
        }
        return update;
    }

    /**
     * @return updates built so far (each shared by every page in its state).
     */
    long builds()
    {
        return builds;
    }
}
