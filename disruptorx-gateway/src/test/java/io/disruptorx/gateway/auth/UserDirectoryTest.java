package io.disruptorx.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class UserDirectoryTest
{
    private static final String HMAC_SECRET = Base64.getEncoder().encodeToString(
        "0123456789abcdef-very-secret".getBytes(StandardCharsets.US_ASCII));
    private static final PasswordHash ALICE_HASH = PasswordHash.create("s3cret", 1_000, new SecureRandom());

    @TempDir
    Path dir;

    @Test
    void shouldReadUsersRolesAccountsApiKeysAndCertificateSubjects() throws Exception
    {
        final KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final String edKey = Base64.getEncoder().encodeToString(ed.getPublic().getEncoded());
        final Path file = write("users.conf", """
            users = [
              { name = alice, password-hash = "%s", roles = [trader], accounts = [101, 102],
                messages-per-second = 500, burst = 50, cancel-on-disconnect = true,
                certificate-subjects = ["CN=alice, O=Example"],
                api-keys = [ { key = ak1, hmac-secret = "%s" }, { key = ak2, ed25519-public-key = "%s" } ] }
              { name = riskop, password-hash = "%s", roles = [risk, operator], accounts = [1] }
              { name = feed, roles = [drop-copy], accounts = [101, 102, 103] }
            ]
            """.formatted(ALICE_HASH, HMAC_SECRET, edKey, ALICE_HASH));

        try (UserDirectory users = UserDirectory.load(file, message -> { }))
        {
            final User alice = users.authenticate("alice", "s3cret");
            assertThat(alice).isNotNull();
            assertThat(alice.roles()).containsExactly(Role.TRADER);
            assertThat(alice.entitledTo(102)).isTrue();
            assertThat(alice.messagesPerSecond()).isEqualTo(500);
            assertThat(alice.burst()).isEqualTo(50);
            assertThat(alice.cancelOnDisconnect()).isTrue();
            assertThat(users.authenticate("alice", "wrong")).isNull();
            assertThat(users.authenticate("feed", "")).as("no password, no password login").isNull();
            assertThat(users.authenticate("riskop", "s3cret").roles()).containsExactly(Role.RISK, Role.OPERATOR);

            final ApiKeyCredential hmac = users.find("ak1");
            assertThat(hmac.user().name()).isEqualTo("alice");
            assertThat(hmac.algorithm()).isEqualTo(ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256);
            assertThat(hmac.keyBytes()).isEqualTo(Base64.getDecoder().decode(HMAC_SECRET));
            assertThat(users.find("ak2").algorithm()).isEqualTo(ApiKeyCredential.SignatureAlgorithm.ED25519);
            assertThat(users.find("ak2").keyBytes()).isEqualTo(ed.getPublic().getEncoded());
            assertThat(users.find("nope")).isNull();

            assertThat(users.userForSubject(new X500Principal("cn=alice,o=example")).name()).isEqualTo("alice");
            assertThat(users.userForSubject(new X500Principal("CN=mallory"))).isNull();
            assertThat(users.store().users()).extracting(User::name).containsExactly("alice", "feed", "riskop");
            assertThat(users.store().user("feed").kind()).isEqualTo(SessionKind.DROP_COPY);
            assertThat(users + " " + hmac + " " + users.store()).doesNotContain(HMAC_SECRET)
                .doesNotContain(ALICE_HASH.toString());
        }
    }

    @Test
    void shouldReportEveryProblemWithoutShowingASecret() throws IOException
    {
        final Path file = write("bad.conf", """
            users = [
              { name = alice, password-hash = "pbkdf2-sha256$10$c2FsdA$aGFzaA", roles = [trader, boss],
                accounts = [0], api-keys = [ { key = k, hmac-secret = "c2hvcnQtc2VjcmV0" } ], colour = blue }
              { name = bob, roles = [], accounts = [] }
            ]
            """);

        assertThatThrownBy(() -> UserDirectory.load(file, message -> { }))
            .isInstanceOf(UserFileException.class)
            .hasMessageContaining("users[0].password-hash: expected pbkdf2-sha256")
            .hasMessageContaining("users[0].roles: boss is not one of")
            .hasMessageContaining("users[0].accounts: account ids are positive, was 0")
            .hasMessageContaining("users[0].colour: unknown key")
            .hasMessageContaining("users[1].roles: expected at least one role")
            .hasMessageContaining("users[1].accounts: expected at least one account id")
            .hasMessageNotContaining("c2FsdA")
            .hasMessageNotContaining("aGFzaA");
        final Path shortSecret = write("short.conf", """
            users = [ { name = a, roles = [trader], accounts = [1],
              api-keys = [ { key = k, hmac-secret = "c2hvcnQtc2VjcmV0" } ] } ]
            """);
        assertThatThrownBy(() -> UserDirectory.load(shortSecret, message -> { }))
            .hasMessageContaining("users[0].api-keys[0].hmac-secret: expected base 64 of at least 16 bytes")
            .hasMessageNotContaining("c2hvcnQtc2VjcmV0");
        final Path unparsable = write("unparsable.conf", "users = [ { name = \"x, password-hash = \"abc\n");
        assertThatThrownBy(() -> UserDirectory.load(unparsable, message -> { }))
            .hasMessageContaining("not valid HOCON at line")
            .hasMessageNotContaining("abc");
    }

    @Test
    void shouldHotReloadAGoodVersionAndKeepThePreviousOneWhenANewOneIsBad() throws IOException
    {
        final Path file = write("users.conf", user("alice", "trader"));
        final List<String> errors = new CopyOnWriteArrayList<>();
        try (UserDirectory users = UserDirectory.watch(file, errors::add))
        {
            assertThat(users.authenticate("alice", "s3cret").roles()).containsExactly(Role.TRADER);

            replace(file, user("alice", "viewer"));
            await().atMost(Duration.ofSeconds(10)).until(() -> users.reloads() >= 1);
            assertThat(users.authenticate("alice", "s3cret").roles()).containsExactly(Role.VIEWER);

            replace(file, "users = [ { name = alice, roles = [king], accounts = [1] } ]\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> users.rejectedReloads() >= 1);
            assertThat(users.authenticate("alice", "s3cret").roles()).as("previous version kept")
                .containsExactly(Role.VIEWER);
            assertThat(users.lastReloadError()).contains("users[0].roles: king is not one of");
            assertThat(errors).anyMatch(e -> e.startsWith("user file not reloaded, keeping the previous version"));

            replace(file, user("alice", "risk"));
            await().atMost(Duration.ofSeconds(10)).until(() -> users.lastReloadError() == null);
            assertThat(users.authenticate("alice", "s3cret").roles()).containsExactly(Role.RISK);
        }
    }

    @Test
    void shouldKeepTheOldCredentialCacheOutOfANewVersion() throws IOException
    {
        final Path file = write("users.conf", user("alice", "trader"));
        final UserDirectory users = UserDirectory.load(file, message -> { });
        assertThat(users.authenticate("alice", "s3cret")).isNotNull();
        final PasswordHash other = PasswordHash.create("changed", 1_000, new SecureRandom());
        Files.writeString(file, "users = [ { name = alice, password-hash = \"" + other +
            "\", roles = [trader], accounts = [1] } ]\n");
        assertThat(users.reload()).isTrue();

        assertThat(users.authenticate("alice", "s3cret")).as("old password after a change").isNull();
        assertThat(users.authenticate("alice", "changed")).isNotNull();
        assertThat(new User("x", new long[]{1}, EnumSet.of(Role.TRADER), 1, 1, false).toString())
            .isEqualTo("User[x, [TRADER], accounts [1]]");
    }

    private static String user(final String name, final String role)
    {
        return "users = [ { name = " + name + ", password-hash = \"" + ALICE_HASH + "\", roles = [" + role +
            "], accounts = [1] } ]\n";
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private void replace(final Path file, final String text) throws IOException
    {
        final Path temporary = dir.resolve("next.tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
