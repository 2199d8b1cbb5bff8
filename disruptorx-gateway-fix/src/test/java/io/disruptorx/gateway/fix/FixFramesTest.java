package io.disruptorx.gateway.fix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's look at a connection's first bytes and at a full receive buffer ({@link FixFrames}), byte by byte
 * as a trickling client would send them.
 */
class FixFramesTest
{
    private static final String LOGON = "8=FIX.4.4\u00019=18\u000135=A\u000149=u\u000156=DXEX\u000110=123\u0001";

    @Test
    void shouldWaitForTheWholeLogonAndPassIt()
    {
        for (int used = 0; used < LOGON.length(); used++)
        {
            assertThat(verdict(LOGON.substring(0, used))).as("after %d bytes", used).isEqualTo(FixFrames.PENDING);
        }
        assertThat(verdict(LOGON)).isEqualTo(FixFrames.LOGON);
        assertThat(verdict(LOGON + "8=FIX.4.4\u00019=")).as("pipelined bytes behind it").isEqualTo(FixFrames.LOGON);
        assertThat(verdict("8=FIXT.1.1\u00019=20\u000135=A\u0001")).isEqualTo(FixFrames.PENDING);
    }

    @Test
    void shouldRefuseBytesThatAreNotFixAsSoonAsTheyDiffer()
    {
        assertThat(verdict("G")).isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIY")).isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIX.4.4\u000135=A\u0001")).as("no BodyLength").isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIX.4.4\u00019=\u0001")).as("an empty BodyLength").isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIX.4.4\u00019=1x")).as("a letter in BodyLength").isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIX.4.4\u00019=20\u000149=u")).as("no MsgType first").isEqualTo(FixFrames.NOT_FIX);
        assertThat(verdict("8=FIX.4.4.4.4.4.4.4.4")).as("a BeginString too long").isEqualTo(FixFrames.NOT_FIX);
    }

    @Test
    void shouldRefuseAFirstMessageOtherThanALogonOnceItsTypeIsRead()
    {
        assertThat(verdict("8=FIX.4.4\u00019=20\u000135=")).isEqualTo(FixFrames.PENDING);
        assertThat(verdict("8=FIX.4.4\u00019=20\u000135=0")).isEqualTo(FixFrames.NOT_LOGON);
        assertThat(verdict("8=FIX.4.4\u00019=20\u000135=A")).isEqualTo(FixFrames.PENDING);
        assertThat(verdict("8=FIX.4.4\u00019=20\u000135=AB\u0001")).isEqualTo(FixFrames.NOT_LOGON);
        assertThat(verdict("8=FIX.4.4\u00019=20\u000135=\u0001")).isEqualTo(FixFrames.NOT_LOGON);
    }

    @Test
    void shouldRefuseALogonLongerThanTheLimitFromItsBodyLength()
    {
        final int longest = FixFrames.MAX_LOGON_BYTES - "8=FIX.4.4\u00019=1000\u0001".length() - 7;
        assertThat(verdict("8=FIX.4.4\u00019=" + longest + "\u0001")).isEqualTo(FixFrames.PENDING);
        assertThat(verdict("8=FIX.4.4\u00019=" + (longest + 1) + "\u0001")).isEqualTo(FixFrames.OVERSIZED);
        assertThat(verdict("8=FIX.4.4\u00019=999999999\u0001")).isEqualTo(FixFrames.OVERSIZED);
        assertThat(verdict("8=FIX.4.4\u00019=9999999999")).as("ten digits").isEqualTo(FixFrames.NOT_FIX);
    }

    @Test
    void shouldReadTheEndAMessageDeclares()
    {
        assertThat(FixFrames.declaredEnd(buffer(LOGON), LOGON.length())).isEqualTo(LOGON.length());
        final String header = "8=FIX.4.4\u00019=16384\u0001";
        assertThat(FixFrames.declaredEnd(buffer(header), header.length())).isEqualTo(header.length() + 16_384 + 7);
        assertThat(FixFrames.declaredEnd(buffer("8=FIX.4.4\u00019=16"), 14)).isNegative();
        assertThat(FixFrames.declaredEnd(buffer("junk\u0001junk"), 9)).isNegative();
    }

    private static int verdict(final String bytes)
    {
        return FixFrames.firstMessage(buffer(bytes), bytes.length(), FixFrames.MAX_LOGON_BYTES);
    }

    private static ByteBuffer buffer(final String bytes)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(FixFrames.MAX_MESSAGE_BYTES);
        buffer.put(bytes.getBytes(StandardCharsets.US_ASCII));
        return buffer;
    }
}
