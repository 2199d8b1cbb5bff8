package io.disruptorx.gateway.auth;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordAuthenticatorTest
{
    private static final User ALICE = new User("alice", new long[]{1}, SessionKind.TRADING, 10, 10, false);

    @Test
    void shouldAcceptTheRightPasswordOnlyAndAgainFromTheCache()
    {
        final PasswordHash hash = PasswordHash.create("s3cret", 1_000, new SecureRandom());
        final PasswordAuthenticator authenticator =
            new PasswordAuthenticator(List.of(new PasswordAuthenticator.Entry(ALICE, hash)));

        assertThat(authenticator.authenticate("alice", "s3cret")).isSameAs(ALICE);
        assertThat(authenticator.authenticate("alice", "s3cret")).isSameAs(ALICE);
        assertThat(authenticator.authenticate("alice", "S3cret")).isNull();
        assertThat(authenticator.authenticate("mallory", "s3cret")).isNull();
    }

    @Test
    void shouldRoundTripTheTextFormAndRefuseMalformedHashes()
    {
        final PasswordHash hash = PasswordHash.create("pw", 2_000, new SecureRandom());
        final PasswordHash parsed = PasswordHash.parse(hash.toString());
        assertThat(parsed.matches("pw")).isTrue();
        assertThat(parsed.matches("pw ")).isFalse();
        assertThat(parsed.iterations()).isEqualTo(2_000);
        assertThat(hash.toString()).startsWith("pbkdf2-sha256$2000$");

        assertThatThrownBy(() -> PasswordHash.parse("sha1$1$a$b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$x$AAAAAAAAAAA$AAAA"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$100$AAAAAAAAAAA$AAAA"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
