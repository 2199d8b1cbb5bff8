package io.disruptorx.gateway.json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.ApiKeyDirectory;

/**
 * Checks a signed request, in this order: the API key's form ({@link ApiError#BAD_API_KEY_FMT}), the key
 * ({@link ApiError#REJECTED_MBX_KEY}), the receive window, 1 to 60,000 ms ({@link ApiError#BAD_RECV_WINDOW}), the
 * timestamp: not older than the window, not more than a second ahead ({@link ApiError#INVALID_TIMESTAMP}), the
 * signature: HMAC-SHA256 as hex, or Ed25519 as base64, over the payload ({@link ApiError#INVALID_SIGNATURE}), and
 * last that the same request was not accepted before ({@link ApiError#REPLAYED_SIGNATURE}): a request is
 * remembered until its window has passed, so a captured request cannot be sent again while it would still be on
 * time. What is remembered is the request's own fingerprint (the HMAC this class computed, or a SHA-256 of the
 * payload signed with Ed25519), never the signature's text: the same signature written another way (hex in capitals,
 * base64 without its padding) is the same request, and refused. The clock this class reads never goes back (it
 * keeps the latest wall-clock time it saw), so a wall clock stepped back cannot make a forgotten request on time
 * again; and a request is checked against the clock once more after it is remembered, so one whose window ended
 * while its signature was being checked (when another thread may have forgotten its first copy) is refused.
 * Thread-safe; called on the HTTP handler and I/O threads.
 *
 * <p>Per request it costs an HMAC over the payload with a {@link Mac} already set up for the key, or an Ed25519
 * check with a {@link Signature} already set up with the key's decoded public key (no provider look-up, no key
 * decoding and no key set-up per request): each key in use has a few, borrowed by one thread at a time. They belong
 * to the key's current credential only: a key revoked or rotated in the directory is forgotten, its {@code Mac}s
 * and {@code Signature}s with it, when a request names it again or at the check of every key in use, which a
 * request runs at most once a second, so no thread keeps a removed key's material. The remembered
 * signatures are kept in expiry order too, so forgetting the expired ones costs what they are, not every
 * signature remembered.
 */
public final class RequestAuth
{
    /** Longest receive window, as Binance. */
    public static final long MAX_RECV_WINDOW = 60_000;
    /** Receive window when the request names none, as Binance. */
    public static final long DEFAULT_RECV_WINDOW = 5_000;
    /** A timestamp may be this far ahead of the venue's clock. */
    public static final long MAX_AHEAD_MILLIS = 1_000;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int EVICT_ABOVE = 4_096;
    private static final long EVICT_INTERVAL_MILLIS = 100;
    private static final long EVICT_AT_LEAST_EVERY_MILLIS = 1_000;
    /**
     * How often the keys whose {@code Mac}s or {@code Signature}s are kept are looked up again, to forget the revoked
     * and rotated.
     */
    private static final long KEY_CHECK_INTERVAL_MILLIS = 1_000;
    private static final int VERIFIERS_PER_KEY = 4;

    private final ApiKeyDirectory directory;
    private final LongSupplier epochMillis;

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Remembered> byExpiry = new ConcurrentSkipListSet<>();
    private final AtomicLong remembering = new AtomicLong();
    private volatile long nextEvictionMillis = Long.MIN_VALUE;
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong latestMillis = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Keyed> keyed = new ConcurrentHashMap<>();
    private volatile long nextKeyCheckMillis = Long.MIN_VALUE;

    /**
     * @param directory   where API keys are looked up.
     * @param epochMillis the venue's wall clock.
     */
    public RequestAuth(final ApiKeyDirectory directory, final LongSupplier epochMillis)
    {
        this.directory = directory;
        this.epochMillis = epochMillis;
    }

    /**
     * @param apiKey     as sent ({@code null} when missing).
     * @param payload    the signed text.
     * @param signature  as sent ({@code null} when missing).
     * @param timestamp  the request's timestamp, epoch milliseconds.
     * @param recvWindow the request's receive window in milliseconds.
     * @return the key's credential.
     * @throws ApiException when the request may not pass.
     */
    public ApiKeyCredential verify(
        final String apiKey, final String payload, final String signature, final long timestamp,
        final long recvWindow)
    {
        final ApiKeyCredential credential = credential(apiKey);
        if (recvWindow < 1 || recvWindow > MAX_RECV_WINDOW)
        {
            throw new ApiException(ApiError.BAD_RECV_WINDOW);
        }
        final long now = now();
        if (now >= nextKeyCheckMillis)
        {
            forgetStaleKeys(now);
        }
        if (timestamp > now + MAX_AHEAD_MILLIS || now - timestamp > recvWindow)
        {
            throw new ApiException(ApiError.INVALID_TIMESTAMP);
        }
        final byte[] fingerprint = signature == null || signature.isEmpty() ? null :
            fingerprint(credential, payload, signature);
        if (fingerprint == null)
        {
            throw new ApiException(ApiError.INVALID_SIGNATURE);
        }
        final long expiry = timestamp + recvWindow;
        final String key = credential.apiKey() + ':' + HexFormat.of().formatHex(fingerprint);
        if (seen.putIfAbsent(key, expiry) != null)
        {
            throw new ApiException(ApiError.REPLAYED_SIGNATURE);
        }
        byExpiry.add(new Remembered(expiry, remembering.incrementAndGet(), key));
        if (now() - timestamp > recvWindow)
        {
            throw new ApiException(ApiError.INVALID_TIMESTAMP);
        }
        if (seen.size() > EVICT_ABOVE && now > nextEvictionMillis)
        {
            evict(now);
        }
        return credential;
    }

    /**
     * Looks up a key without a signature (the WebSocket user data stream's subscription is signed; this is for the
     * form check alone).
     *
     * @param apiKey as sent.
     * @return its credential.
     * @throws ApiException for a missing, malformed or unknown key.
     */
    public ApiKeyCredential credential(final String apiKey)
    {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > MAX_KEY_LENGTH || !printable(apiKey))
        {
            throw new ApiException(ApiError.BAD_API_KEY_FMT);
        }
        final ApiKeyCredential credential = directory.find(apiKey);
        if (credential == null)
        {
            keyed.remove(apiKey);
            throw new ApiException(ApiError.REJECTED_MBX_KEY);
        }
        return credential;
    }

    /**
     * @return signatures remembered now (for tests and metrics).
     */
    public int remembered()
    {
        return seen.size();
    }

    /**
     * @return how many times the remembered signatures were scanned for expired ones (for tests and metrics).
     */
    public long evictions()
    {
        return evictions.get();
    }

    /**
     * Forgets the signatures whose window has passed. A scan costs the whole map, so the next one runs when the
     * earliest expiry left has passed, but no sooner than {@link #EVICT_INTERVAL_MILLIS} and no later than
     * {@link #EVICT_AT_LEAST_EVERY_MILLIS} from now: a burst of requests all inside their windows scans once, not
     * once per request, and short windows cannot force a scan per request. A signature kept a little past its
     * window cannot be replayed anyway: its timestamp is outside the window by then. The signatures are taken in
     * expiry order, so a scan visits the expired ones and the earliest left, not the whole map.
     */
    private void evict(final long now)
    {
        long earliest = Long.MAX_VALUE;
        Remembered first;
        while ((first = byExpiry.pollFirst()) != null)
        {
            if (first.expiry >= now)
            {
                byExpiry.add(first);
                earliest = first.expiry;
                break;
            }
            seen.remove(first.key, first.expiry);
        }
        nextEvictionMillis = Math.min(
            Math.max(earliest, now + EVICT_INTERVAL_MILLIS), now + EVICT_AT_LEAST_EVERY_MILLIS);
        evictions.incrementAndGet();
    }

    /**
     * @return keys whose {@code Mac}s or {@code Signature}s are kept now (for tests and metrics).
     */
    int keyedVerifiers()
    {
        return keyed.size();
    }

    /**
     * Forgets the {@code Mac}s and {@code Signature}s of every key the directory no longer has, or has with another
     * credential (rotated).
     */
    private void forgetStaleKeys(final long now)
    {
        nextKeyCheckMillis = now + KEY_CHECK_INTERVAL_MILLIS;
        for (final Map.Entry<String, Keyed> entry : keyed.entrySet())
        {
            if (directory.find(entry.getKey()) != entry.getValue().credential)
            {
                keyed.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * The venue's wall clock, never going back: the latest time any thread read.
     */
    private long now()
    {
        final long read = epochMillis.getAsLong();
        return latestMillis.accumulateAndGet(read, Math::max);
    }

    /**
     * @return the request's fingerprint when the signature verifies (the HMAC computed here, or SHA-256 of the
     * payload for Ed25519: what the signature vouches for, not how it was written), else {@code null}.
     */
    private byte[] fingerprint(final ApiKeyCredential credential, final String payload, final String signature)
    {
        final byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        try
        {
            if (credential.algorithm() == ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256)
            {
                final byte[] expected = sign(credential, data);
                final byte[] given;
                try
                {
                    given = HexFormat.of().parseHex(signature);
                }
                catch (final IllegalArgumentException ex)
                {
                    return null;
                }
                return MessageDigest.isEqual(expected, given) ? expected : null;
            }
            final byte[] given;
            try
            {
                given = Base64.getDecoder().decode(signature);
            }
            catch (final IllegalArgumentException ex)
            {
                return null;
            }
            return verify(credential, data, given) ? MessageDigest.getInstance("SHA-256").digest(data) : null;
        }
        catch (final GeneralSecurityException ex)
        {
            return null;
        }
    }

    /**
     * @param secret the shared secret.
     * @param data   what is signed.
     * @return HMAC-SHA256 of it.
     * @throws GeneralSecurityException when the JDK lacks the algorithm.
     */
    static byte[] hmac(final byte[] secret, final byte[] data) throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /**
     * A remembered signature in expiry order (ties in the order they were remembered).
     */
    private record Remembered(long expiry, long order, String key) implements Comparable<Remembered>
    {
        @Override
        public int compareTo(final Remembered other)
        {
            final int byExpiry = Long.compare(expiry, other.expiry);
            return byExpiry != 0 ? byExpiry : Long.compare(order, other.order);
        }
    }

    /**
     * HMAC-SHA256 with one of the key's {@code Mac}s, made and set up when none is free.
     */
    private byte[] sign(final ApiKeyCredential credential, final byte[] data) throws GeneralSecurityException
    {
        final Keyed state = keyed(credential);
        Mac mac = (Mac)state.borrow();
        if (mac == null)
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credential.keyBytes(), "HmacSHA256"));
        }
        final byte[] result = mac.doFinal(data);
        state.giveBack(mac);
        return result;
    }

    /**
     * Ed25519 with one of the key's {@code Signature}s, made and set up with the key (decoded once per credential)
     * when none is free; a verification leaves it set up for the same key again.
     */
    private boolean verify(final ApiKeyCredential credential, final byte[] data, final byte[] given)
        throws GeneralSecurityException
    {
        final Keyed state = keyed(credential);
        Signature verifier = (Signature)state.borrow();
        if (verifier == null)
        {
            verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(state.publicKey());
        }
        final boolean verified;
        try
        {
            verifier.update(data);
            verified = verifier.verify(given);
        }
        catch (final SignatureException ex)
        {
            return false;
        }
        state.giveBack(verifier);
        return verified;
    }

    /**
     * @return what is kept for the credential's key; one kept for a credential the key no longer has is replaced.
     */
    private Keyed keyed(final ApiKeyCredential credential)
    {
        Keyed state = keyed.get(credential.apiKey());
        if (state == null || state.credential != credential)
        {
            state = new Keyed(credential);
            keyed.put(credential.apiKey(), state);
        }
        return state;
    }

    /**
     * The {@link Mac}s (HMAC) or {@link Signature}s (Ed25519) set up for one credential, each used by one thread at
     * a time (taken out of its slot), and an Ed25519 key's decoded public key.
     */
    private static final class Keyed
    {
        final ApiKeyCredential credential;
        private final AtomicReferenceArray<Object> idle = new AtomicReferenceArray<>(VERIFIERS_PER_KEY);
        private volatile PublicKey publicKey;

        Keyed(final ApiKeyCredential credential)
        {
            this.credential = credential;
        }

        PublicKey publicKey() throws GeneralSecurityException
        {
            PublicKey key = publicKey;
            if (key == null)
            {
                key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(credential.keyBytes()));
                publicKey = key;
            }
            return key;
        }

        Object borrow()
        {
            for (int i = 0; i < VERIFIERS_PER_KEY; i++)
            {
                if (idle.get(i) != null)
                {
                    final Object taken = idle.getAndSet(i, null);
                    if (taken != null)
                    {
                        return taken;
                    }
                }
            }
            return null;
        }

        void giveBack(final Object item)
        {
            for (int i = 0; i < VERIFIERS_PER_KEY; i++)
            {
                if (idle.get(i) == null && idle.compareAndSet(i, null, item))
                {
                    return;
                }
            }
        }
    }

    private static boolean printable(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }
}
