package io.disruptorx.dashboard;

import java.util.Locale;

/**
 * What a signed-in operator or risk officer can do from the page. Each goes to the venue as one of its admin
 * commands ({@link VenueOperations}); which user may do which is the venue's role policy ({@link OperatorUsers}).
 */
public enum OperatorAction
{
    /** Halt trading in one instrument (HaltInstrument). */
    HALT(true, false),

    /** Resume trading in one instrument (ResumeInstrument). */
    RESUME(true, false),

    /** Engage an account's kill switch, with the limits SetRiskLimits carries: its open orders are cancelled. */
    KILL_SWITCH(false, true),

    /** Release an account's kill switch (SetRiskLimits with the switch off). */
    RELEASE_KILL_SWITCH(false, true),

    /** Cancel every resting order of an account (0: all accounts) in an instrument (0: all instruments). */
    MASS_CANCEL(false, false),

    /** Take a snapshot now (TakeSnapshot). */
    SNAPSHOT(false, false);

    private final boolean needsInstrument;
    private final boolean needsAccount;

    OperatorAction(final boolean needsInstrument, final boolean needsAccount)
    {
        this.needsInstrument = needsInstrument;
        this.needsAccount = needsAccount;
    }

    /**
     * @return whether it names one instrument (greater than 0).
     */
    public boolean needsInstrument()
    {
        return needsInstrument;
    }

    /**
     * @return whether it names one account (greater than 0).
     */
    public boolean needsAccount()
    {
        return needsAccount;
    }

    /**
     * @return the name the page and the audit log use, e.g. {@code kill-switch}.
     */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param wireName a name as {@link #wireName()} gives it.
     * @return the action, or null for none.
     */
    public static OperatorAction fromWireName(final String wireName)
    {
        for (final OperatorAction action : values())
        {
            if (action.wireName().equals(wireName))
            {
                return action;
            }
        }
        return null;
    }
}
