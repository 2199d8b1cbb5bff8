package io.disruptorx.dashboard;

/**
 * The venue's admin command path as the dashboard uses it: each call sends one command to the venue's sequencer
 * (it is journalled and applied like any other) and returns at once. Called on the HTTP server's handler threads,
 * never on the venue's own threads.
 */
public interface VenueOperations
{
    /** {@link #execute} result: the venue did not take the command (its input was full). */
    long NOT_TAKEN = -1;

    /**
     * @param action           what to do.
     * @param instrumentId     the instrument (0: all, where the action allows it).
     * @param accountId        the account (0: all, where the action allows it).
     * @param maxOrderQuantity for the kill switch: the account's maximum order quantity.
     * @param maxOrderNotional for the kill switch: the account's maximum order notional.
     * @return the command's position in the venue's sequence, or {@link #NOT_TAKEN}.
     */
    long execute(OperatorAction action, int instrumentId, long accountId, long maxOrderQuantity,
        long maxOrderNotional);
}
