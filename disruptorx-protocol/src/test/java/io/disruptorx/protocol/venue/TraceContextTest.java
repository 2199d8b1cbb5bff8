package io.disruptorx.protocol.venue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest
{
    private final TraceContext context = new TraceContext();

    @Test
    void shouldReadTheSpecificationsExample()
    {
        assertThat(context.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", 42)).isTrue();

        assertThat(context.traceIdHigh()).isEqualTo(0x4bf92f3577b34da6L);
        assertThat(context.traceIdLow()).isEqualTo(0xa3ce929d0e0e4736L);
        assertThat(context.parentSpanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(context.flags()).isEqualTo(1);
        assertThat(context.sampled()).isTrue();
        assertThat(context.receiveNanos()).isEqualTo(42);
    }

    @Test
    void shouldRoundTripThroughFormat()
    {
        final String value = TraceContext.format(-1L, 0x0123456789abcdefL, 0xfedcba9876543210L, 0);

        assertThat(context.parse(value, 0)).isTrue();
        assertThat(context.traceIdHigh()).isEqualTo(-1L);
        assertThat(context.traceIdLow()).isEqualTo(0x0123456789abcdefL);
        assertThat(context.parentSpanId()).isEqualTo(0xfedcba9876543210L);
        assertThat(context.sampled()).isFalse();
        assertThat(context.present()).isTrue();
    }

    @Test
    void shouldAcceptALaterVersionWithMoreFields()
    {
        assertThat(context.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes", 0)).isTrue();
        assertThat(context.sampled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"})
    void shouldRefuseAnInvalidValueAndStayEmpty(final String value)
    {
        context.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", 7);

        assertThat(context.parse(value, 0)).isFalse();
        assertThat(context.present()).isFalse();
        assertThat(context.sampled()).isFalse();
        assertThat(context.receiveNanos()).isZero();
    }

    @Test
    void shouldRefuseNull()
    {
        assertThat(context.parse(null, 0)).isFalse();
    }
}
