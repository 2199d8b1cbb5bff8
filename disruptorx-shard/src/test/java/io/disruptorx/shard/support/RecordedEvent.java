package io.disruptorx.shard.support;

/**
 * One venue event as a test reads it: its template and the fields tests look at (0 when the event has none).
 *
 * @param commandSequence the sequence the venue client gave it.
 * @param templateId      event template.
 * @param orderId         order id (the maker's for a trade).
 * @param otherOrderId    the taker's order id for a trade; an open order's client order id.
 * @param accountId       account (the maker's for a trade).
 * @param requestId       request id.
 * @param subjectId       an admin result's subject; an open order's price.
 * @param code            reject reason, cancel reason or admin type; an open order's place in its answer.
 * @param result          an admin result's result; an open-orders answer's order count.
 * @param instrumentId    instrument.
 * @param quantity        quantity (traded, cancelled or ordered; an open order's open quantity).
 */
public record RecordedEvent(
    long commandSequence,
    int templateId,
    long orderId,
    long otherOrderId,
    long accountId,
    long requestId,
    long subjectId,
    int code,
    int result,
    int instrumentId,
    long quantity)
{
}
