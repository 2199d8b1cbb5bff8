package io.disruptorx.gateway.json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestAuthTest
{
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final byte[] SECRET = "alice-secret".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong clock = new AtomicLong(START_MILLIS);
    private final ApiKeyCredential alice = new ApiKeyCredential("alice-key",
        new User("alice", new long[] {1}, SessionKind.TRADING, 1_000, 1_000, false),
        ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, SECRET);
    private final RequestAuth auth = new RequestAuth(
        key -> key.equals("alice-key") ? alice : null, clock::get);

    @Test
    void shouldScanOnceForABurstOfRequestsAllInsideTheirWindows() throws GeneralSecurityException
    {
        for (int i = 0; i < 10_000; i++)
        {
            verify(i, clock.get(), 60_000);
        }

        assertThat(auth.remembered()).isEqualTo(10_000);
        assertThat(auth.evictions()).isEqualTo(1);
    }

    @Test
    void shouldForgetExpiredSignaturesOnceTheirWindowsHavePassed() throws GeneralSecurityException
    {
        for (int i = 0; i < 5_000; i++)
        {
            verify(i, clock.get(), 1_000);
        }
        assertThat(auth.remembered()).isEqualTo(5_000);

        clock.addAndGet(1_001);
        verify(5_000, clock.get(), 1_000);

        assertThat(auth.remembered()).isEqualTo(1);
    }

    @Test
    void shouldScanAtMostEveryTenthOfASecondWhenClientsAskForTheShortestWindow() throws GeneralSecurityException
    {
        for (int i = 0; i < 5_000; i++)
        {
            verify(i, clock.get(), 60_000);
        }
        final long before = auth.evictions();
        for (int i = 5_000; i < 8_000; i++)
        {
            clock.incrementAndGet();
            verify(i, clock.get(), 1);
        }

        assertThat(auth.evictions() - before).isBetween(1L, 3_000L / 100 + 2);
        assertThat(auth.remembered()).isBetween(5_000, 5_000 + 200);
    }

    @Test
    void shouldRejectAReplayWhileItsWindowLastsAfterOthersWereForgotten() throws GeneralSecurityException
    {
        for (int i = 0; i < 5_000; i++)
        {
            verify(i, clock.get(), 100);
        }
        final long timestamp = clock.addAndGet(200);
        verify(-1, timestamp, 5_000);
        assertThat(auth.remembered()).isEqualTo(1);
        clock.addAndGet(2_000);

        assertThatThrownBy(() -> verify(-1, timestamp, 5_000))
            .isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.error()).isEqualTo(ApiError.REPLAYED_SIGNATURE));
    }

    private void verify(final int request, final long timestamp, final long recvWindow)
        throws GeneralSecurityException
    {
        final String payload = "symbol=DXA&quantity=" + request + "&timestamp=" + timestamp;
        final String signature = HexFormat.of().formatHex(
            RequestAuth.hmac(SECRET, payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(auth.verify("alice-key", payload, signature, timestamp, recvWindow)).isSameAs(alice);
    }
}
