package io.disruptorx.gateway.json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    @Test
    void shouldRefuseTheSameHmacSignatureWrittenInCapitals() throws GeneralSecurityException
    {
        final long timestamp = clock.get();
        final String payload = "symbol=DXA&quantity=1&timestamp=" + timestamp;
        final String signature = HexFormat.of().formatHex(
            RequestAuth.hmac(SECRET, payload.getBytes(StandardCharsets.UTF_8)));
        auth.verify("alice-key", payload, signature, timestamp, 5_000);

        assertRefused(() -> auth.verify("alice-key", payload, signature.toUpperCase(Locale.ROOT), timestamp, 5_000),
            ApiError.REPLAYED_SIGNATURE);
    }

    @Test
    void shouldRefuseTheSameEd25519SignatureWithoutItsPadding() throws GeneralSecurityException
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final ApiKeyCredential bob = new ApiKeyCredential("bob-key",
            new User("bob", new long[] {2}, SessionKind.TRADING, 1_000, 1_000, false),
            ApiKeyCredential.SignatureAlgorithm.ED25519, pair.getPublic().getEncoded());
        final RequestAuth edAuth = new RequestAuth(key -> key.equals("bob-key") ? bob : null, clock::get);
        final long timestamp = clock.get();
        final String payload = "symbol=DXA&quantity=1&timestamp=" + timestamp;
        final Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(payload.getBytes(StandardCharsets.UTF_8));
        final String signature = Base64.getEncoder().encodeToString(signer.sign());
        assertThat(signature).endsWith("==");
        edAuth.verify("bob-key", payload, signature, timestamp, 5_000);

        assertRefused(() -> edAuth.verify("bob-key", payload, signature.substring(0, signature.length() - 2),
            timestamp, 5_000), ApiError.REPLAYED_SIGNATURE);
    }

    @Test
    void shouldRefuseAForgottenRequestWhenTheClockStepsBack() throws GeneralSecurityException
    {
        final long timestamp = clock.get();
        verify(-1, timestamp, 1_000);
        for (int i = 0; i < 5_000; i++)
        {
            verify(i, clock.get(), 1_000);
        }
        clock.addAndGet(2_000);
        verify(5_000, clock.get(), 1_000);
        assertThat(auth.remembered()).isEqualTo(1);

        clock.set(timestamp + 500);

        assertRefused(() -> verify(-1, timestamp, 1_000), ApiError.INVALID_TIMESTAMP);
    }

    @Test
    void shouldRefuseAReplayWhoseFirstCopyWasForgottenWhileItsSignatureWasChecked() throws GeneralSecurityException
    {
        final AtomicBoolean forgetOnNextRead = new AtomicBoolean();
        final AtomicLong racing = new AtomicLong(START_MILLIS);
        final RequestAuth[] holder = new RequestAuth[1];
        final RequestAuth racingAuth = new RequestAuth(key -> key.equals("alice-key") ? alice : null, () ->
        {
            final long read = racing.get();
            if (forgetOnNextRead.compareAndSet(true, false))
            {
                racing.addAndGet(2_000);
                try
                {
                    signed(holder[0], 5_000, racing.get(), 1_000);
                }
                catch (final GeneralSecurityException e)
                {
                    throw new IllegalStateException(e);
                }
            }
            return read;
        });
        holder[0] = racingAuth;
        final long timestamp = racing.get();
        signed(racingAuth, -1, timestamp, 1_000);
        for (int i = 0; i < 5_000; i++)
        {
            signed(racingAuth, i, racing.get(), 1_000);
        }
        racing.set(timestamp + 900);
        forgetOnNextRead.set(true);

        assertRefused(() -> signed(racingAuth, -1, timestamp, 1_000), ApiError.INVALID_TIMESTAMP);
        assertThat(forgetOnNextRead).isFalse();
    }

    private static void assertRefused(final ThrowingCallable call, final ApiError error)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
            ex -> assertThat(ex.error()).isEqualTo(error));
    }

    private void verify(final int request, final long timestamp, final long recvWindow)
        throws GeneralSecurityException
    {
        signed(auth, request, timestamp, recvWindow);
    }

    private void signed(final RequestAuth checker, final int request, final long timestamp, final long recvWindow)
        throws GeneralSecurityException
    {
        final String payload = "symbol=DXA&quantity=" + request + "&timestamp=" + timestamp;
        final String signature = HexFormat.of().formatHex(
            RequestAuth.hmac(SECRET, payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(checker.verify("alice-key", payload, signature, timestamp, recvWindow)).isSameAs(alice);
    }
}
