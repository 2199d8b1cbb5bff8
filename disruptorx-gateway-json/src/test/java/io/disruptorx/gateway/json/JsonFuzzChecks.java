package io.disruptorx.gateway.json;

import java.util.Map;

/**
 * What every input of the JSON edge's fuzz targets must get ({@link JsonRequestFuzzTest},
 * {@link JsonWebSocketFuzzTest}): exactly one answer, counted as one request, and an answer other than 200 is a JSON
 * error with a numeric {@code code} and a non-empty {@code msg}, counted once by its code.
 */
final class JsonFuzzChecks
{
    private JsonFuzzChecks()
    {
    }

    static void check(
        final JsonTestVenue venue,
        final int status,
        final Map<String, JsonValue> error,
        final String answer,
        final long requestsBefore,
        final long errorsBefore)
    {
        if (venue.json().counters().requests() != requestsBefore + 1)
        {
            throw new IllegalStateException("a request counted " +
                (venue.json().counters().requests() - requestsBefore) + " times");
        }
        if (status == 200)
        {
            return;
        }
        final JsonValue code = error.get("code");
        final JsonValue message = error.get("msg");
        if (code == null || code.kind() != JsonValue.Kind.NUMBER || message == null ||
            message.kind() != JsonValue.Kind.STRING || message.text().isEmpty())
        {
            throw new IllegalStateException("a refusal without a code and a reason: " + status + " " + answer);
        }
        if (errors(venue) != errorsBefore + 1)
        {
            throw new IllegalStateException("a refusal counted " + (errors(venue) - errorsBefore) + " times: " +
                answer);
        }
    }

    static long errors(final JsonTestVenue venue)
    {
        long total = 0;
        for (final ApiError error : ApiError.values())
        {
            total += venue.json().counters().errors(error);
        }
        return total;
    }
}
