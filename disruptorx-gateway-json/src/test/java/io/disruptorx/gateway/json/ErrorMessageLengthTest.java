package io.disruptorx.gateway.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backstop where error answers are encoded: whatever message an {@link ApiException} or a stream request's
 * refusal carries, the answer quotes at most {@link ClientText#MAX_MESSAGE} characters of it, on the REST and
 * WebSocket API answers and on the market streams' error frames; a short message goes out as it is.
 */
class ErrorMessageLengthTest
{
    private static final String LONG = "Unknown method '" + "m".repeat(10_000) + "'.";

    @Test
    void shouldCapTheMessageOfARestAndWebSocketApiAnswer()
    {
        final String rest = JsonEncoder.error(ApiError.UNSUPPORTED_OPERATION, LONG);
        final String expected = "{\"code\":-1020,\"msg\":\"Unknown method '" + "m".repeat(ClientText.MAX_MESSAGE - 19) +
            "...\"}";
        assertThat(rest).isEqualTo(expected);
        assertThat(WebSocketApi.errorFrame("7", ApiError.UNSUPPORTED_OPERATION, LONG))
            .isEqualTo("{\"id\":7,\"status\":400,\"error\":" + expected + "}");
    }

    @Test
    void shouldCapTheMessageOfAStreamRequestsRefusal()
    {
        final String frame = StreamsApi.errorFrame(2, "Invalid request: " + "s".repeat(5_000), "3");
        assertThat(frame).isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: " +
            "s".repeat(ClientText.MAX_MESSAGE - 20) + "...\"},\"id\":3}");
    }

    @Test
    void shouldLeaveAShortMessageAndNeverSplitASurrogatePair()
    {
        assertThat(JsonEncoder.error(ApiError.NO_SUCH_ORDER, ApiError.NO_SUCH_ORDER.message()))
            .isEqualTo("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
        final String exact = "x".repeat(ClientText.MAX_MESSAGE);
        assertThat(ClientText.message(exact)).isSameAs(exact);

        final String emoji = "x".repeat(ClientText.MAX_MESSAGE - 5) + "\uD83D\uDE00".repeat(10);
        final String capped = ClientText.message(emoji);
        assertThat(capped).hasSizeLessThanOrEqualTo(ClientText.MAX_MESSAGE).endsWith("...");
        assertThat(Character.isHighSurrogate(capped.charAt(capped.length() - 4))).isFalse();
    }
}
