package io.disruptorx.gateway.json;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A key revoked or rotated in the directory is not kept by {@link RequestAuth}: not by the thread that last signed
 * with it (it signs nothing more here), once another thread's request has run the key check a second later; the
 * credential becomes unreachable (the garbage collector clears a weak reference to it), and the rotated key's
 * old secret no longer signs. An Ed25519 key's decoded public key and verifiers are kept the same way: for its
 * current credential only, so a rotated key's old private key no longer signs, and a bad signature leaves the kept
 * verifier good for the next request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestAuthKeyRetentionTest
{
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final byte[] ALICE_SECRET = "alice-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BOB_SECRET = "bob-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BOB_NEW_SECRET = "bob-new-secret".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong clock = new AtomicLong(START_MILLIS);
    private final Map<String, ApiKeyCredential> keys = new ConcurrentHashMap<>();
    private final RequestAuth auth = new RequestAuth(keys::get, clock::get);
    private int requests;

    @Test
    void shouldForgetARevokedKeyThatTheLastThreadToUseItNeverUsesAgain() throws Exception
    {
        keys.put("alice-key", credential("alice", ALICE_SECRET));
        final WeakReference<ApiKeyCredential> bob = signAsNewBob(BOB_SECRET);

        keys.remove("bob-key");
        clock.addAndGet(1_001);
        onAnotherThread("alice-key", ALICE_SECRET);

        assertThat(auth.keyedVerifiers()).isEqualTo(1);
        awaitCollected(bob);
    }

    @Test
    void shouldForgetARotatedKeysOldCredentialAndRefuseItsOldSecret() throws Exception
    {
        final WeakReference<ApiKeyCredential> oldBob = signAsNewBob(BOB_SECRET);

        keys.put("bob-key", credential("bob", BOB_NEW_SECRET));
        clock.addAndGet(1_001);
        onAnotherThread("bob-key", BOB_NEW_SECRET);

        assertThat(auth.keyedVerifiers()).isEqualTo(1);
        awaitCollected(oldBob);
        assertThatThrownBy(() -> sign("bob-key", BOB_SECRET)).isInstanceOfSatisfying(ApiException.class,
            ex -> assertThat(ex.error()).isEqualTo(ApiError.INVALID_SIGNATURE));
    }

    @Test
    void shouldForgetARevokedKeyAsSoonAsARequestNamesIt() throws Exception
    {
        final WeakReference<ApiKeyCredential> bob = signAsNewBob(BOB_SECRET);

        keys.remove("bob-key");

        assertThatThrownBy(() -> sign("bob-key", BOB_SECRET)).isInstanceOfSatisfying(ApiException.class,
            ex -> assertThat(ex.error()).isEqualTo(ApiError.REJECTED_MBX_KEY));
        assertThat(auth.keyedVerifiers()).isZero();
        awaitCollected(bob);
    }

    @Test
    void shouldKeepAnEd25519KeysVerifiersForItsCurrentCredentialOnly() throws Exception
    {
        final KeyPair first = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final KeyPair second = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ApiKeyCredential carol = new ApiKeyCredential("carol-key",
            new User("carol", new long[] {1}, SessionKind.TRADING, 1_000, 1_000, false),
            ApiKeyCredential.SignatureAlgorithm.ED25519, first.getPublic().getEncoded());
        keys.put("carol-key", carol);
        for (int i = 0; i < 3; i++)
        {
            assertThat(signEd25519(first.getPrivate(), false)).isSameAs(carol);
        }
        assertThat(auth.keyedVerifiers()).isEqualTo(1);
        assertRefused(() -> signEd25519(second.getPrivate(), false), ApiError.INVALID_SIGNATURE);
        assertRefused(() -> signEd25519(first.getPrivate(), true), ApiError.INVALID_SIGNATURE);
        assertThat(signEd25519(first.getPrivate(), false)).isSameAs(carol);

        final WeakReference<ApiKeyCredential> oldCarol = new WeakReference<>(carol);
        carol = null;
        keys.put("carol-key", new ApiKeyCredential("carol-key", keys.get("carol-key").user(),
            ApiKeyCredential.SignatureAlgorithm.ED25519, second.getPublic().getEncoded()));
        assertRefused(() -> signEd25519(first.getPrivate(), false), ApiError.INVALID_SIGNATURE);
        assertThat(signEd25519(second.getPrivate(), false)).isSameAs(keys.get("carol-key"));
        assertThat(auth.keyedVerifiers()).isEqualTo(1);
        awaitCollected(oldCarol);
    }

    private synchronized ApiKeyCredential signEd25519(final PrivateKey key, final boolean truncated)
        throws GeneralSecurityException
    {
        final long timestamp = clock.get();
        final String payload = "symbol=DXA&quantity=" + ++requests + "&timestamp=" + timestamp;
        final Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(payload.getBytes(StandardCharsets.UTF_8));
        final byte[] signature = signer.sign();
        return auth.verify("carol-key", payload, Base64.getEncoder().encodeToString(truncated ?
            Arrays.copyOf(signature, 40) : signature), timestamp, 5_000);
    }

    private static void assertRefused(final ThrowingCallable request,
        final ApiError error)
    {
        assertThatThrownBy(request).isInstanceOfSatisfying(ApiException.class,
            ex -> assertThat(ex.error()).isEqualTo(error));
    }

    /**
     * Registers bob's key with a new credential and signs one request with it on this thread; only the directory
     * (and what {@link RequestAuth} keeps) holds the credential afterwards.
     */
    private WeakReference<ApiKeyCredential> signAsNewBob(final byte[] secret) throws GeneralSecurityException
    {
        final ApiKeyCredential bob = credential("bob", secret);
        keys.put("bob-key", bob);
        assertThat(sign("bob-key", secret)).isSameAs(bob);
        return new WeakReference<>(bob);
    }

    private void onAnotherThread(final String apiKey, final byte[] secret) throws Exception
    {
        CompletableFuture.runAsync(() ->
        {
            try
            {
                sign(apiKey, secret);
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException(ex);
            }
        }).get(30, TimeUnit.SECONDS);
    }

    private static void awaitCollected(final WeakReference<ApiKeyCredential> reference)
    {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
        {
            System.gc();
            return reference.get() == null;
        });
    }

    private synchronized ApiKeyCredential sign(final String apiKey, final byte[] secret)
        throws GeneralSecurityException
    {
        final long timestamp = clock.get();
        final String payload = "symbol=DXA&quantity=" + ++requests + "&timestamp=" + timestamp;
        final String signature = HexFormat.of().formatHex(
            RequestAuth.hmac(secret, payload.getBytes(StandardCharsets.UTF_8)));
        return auth.verify(apiKey, payload, signature, timestamp, 5_000);
    }

    private static ApiKeyCredential credential(final String user, final byte[] secret)
    {
        return new ApiKeyCredential(user + "-key",
            new User(user, new long[] {1}, SessionKind.TRADING, 1_000, 1_000, false),
            ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, secret);
    }
}
