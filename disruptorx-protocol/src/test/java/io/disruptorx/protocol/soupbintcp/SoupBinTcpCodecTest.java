package io.disruptorx.protocol.soupbintcp;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class SoupBinTcpCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Test
    void shouldFrameAPacketWithABigEndianLengthThatCountsTheTypeByte()
    {
        final int payload = SoupBinTcp.putHeader(buffer, 5, SoupBinTcp.SEQUENCED_DATA, 300);

        assertThat(payload).isEqualTo(5 + SoupBinTcp.HEADER_LENGTH);
        assertThat(buffer.getByte(5)).isEqualTo((byte)0x01);
        assertThat(buffer.getByte(6)).isEqualTo((byte)0x2D);
        assertThat(SoupBinTcp.packetLength(buffer, 5)).isEqualTo(301);
        assertThat(SoupBinTcp.packetType(buffer, 5)).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
        assertThat(SoupBinTcp.frameLength(300)).isEqualTo(303);
    }

    @Test
    void shouldReadTheLengthAsUnsigned()
    {
        SoupBinTcp.putHeader(buffer, 0, SoupBinTcp.DEBUG, SoupBinTcp.MAX_PACKET_LENGTH - 1);

        assertThat(SoupBinTcp.packetLength(buffer, 0)).isEqualTo(SoupBinTcp.MAX_PACKET_LENGTH);
    }

    @Test
    void shouldWriteLoginRequestAsTheSpecificationPadsIt()
    {
        final int length = LoginRequest.encode(buffer, 3, "ab", "secret", "DXDEMO", 42);

        assertThat(length).isEqualTo(SoupBinTcp.LOGIN_REQUEST_LENGTH);
        assertThat(ascii(3, length))
            .isEqualTo("ab    secret        DXDEMO                  42");
        assertThat(LoginRequest.username(buffer, 3)).isEqualTo("ab");
        assertThat(LoginRequest.password(buffer, 3)).isEqualTo("secret");
        assertThat(LoginRequest.session(buffer, 3)).isEqualTo("DXDEMO");
        assertThat(LoginRequest.sequence(buffer, 3)).isEqualTo(42);
    }

    @Test
    void shouldWriteLoginAcceptedRightJustified()
    {
        final int length = LoginAccepted.encode(buffer, 0, "DXFEED", 0);

        assertThat(length).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED_LENGTH);
        assertThat(ascii(0, length)).isEqualTo("    DXFEED                   0");
        assertThat(LoginAccepted.session(buffer, 0)).isEqualTo("DXFEED");
        assertThat(LoginAccepted.sequence(buffer, 0)).isZero();
    }

    @Test
    void shouldReadNumbersPaddedOnEitherSideAndBlankAsZero()
    {
        assertThat(parse("      17")).isEqualTo(17);
        assertThat(parse("17      ")).isEqualTo(17);
        assertThat(parse("   17   ")).isEqualTo(17);
        assertThat(parse("        ")).isZero();
        assertThat(parse("00000009")).isEqualTo(9);
    }

    @Test
    void shouldRefuseFieldsThatAreNotOneNumber()
    {
        assertThat(parse("   1 2  ")).isEqualTo(-1);
        assertThat(parse("      -1")).isEqualTo(-1);
        assertThat(parse("     +1 ")).isEqualTo(-1);
        assertThat(parse("  12x   ")).isEqualTo(-1);
        assertThat(parse("\t     12")).isEqualTo(-1);
    }

    @Test
    void shouldReadTheLargestLongAndRefuseOneMore()
    {
        assertThat(parse(" " + Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(parse(" 9223372036854775808")).isEqualTo(-1);
        assertThat(parse("99999999999999999999")).isEqualTo(-1);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldRoundTripRandomLoginFields(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1_000; i++)
        {
            final String user = word(random, 6);
            final String password = word(random, 10);
            final String session = word(random, 10);
            final long sequence = random.nextInt(4) == 0 ? random.nextLong(0, Long.MAX_VALUE) : random.nextLong(100);

            LoginRequest.encode(buffer, 7, user, password, session, sequence);
            LoginAccepted.encode(buffer, 70, session, sequence);

            assertThat(LoginRequest.username(buffer, 7)).as("seed %d", seed).isEqualTo(user);
            assertThat(LoginRequest.password(buffer, 7)).as("seed %d", seed).isEqualTo(password);
            assertThat(LoginRequest.session(buffer, 7)).as("seed %d", seed).isEqualTo(session);
            assertThat(LoginRequest.sequence(buffer, 7)).as("seed %d", seed).isEqualTo(sequence);
            assertThat(LoginAccepted.session(buffer, 70)).as("seed %d", seed).isEqualTo(session);
            assertThat(LoginAccepted.sequence(buffer, 70)).as("seed %d", seed).isEqualTo(sequence);
        }
    }

    static LongStream seeds()
    {
        return LongStream.of(1, 42, 20_261_204);
    }

    private long parse(final String field)
    {
        buffer.putStringWithoutLengthAscii(0, field);
        return AsciiFields.parseNumber(buffer, 0, field.length());
    }

    private String ascii(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String word(final SplittableRandom random, final int maxLength)
    {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        final StringBuilder word = new StringBuilder();
        final int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++)
        {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
