package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import io.disruptorx.gateway.auth.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx node} with {@code gateways.soupbintcp.tls} whose key store cannot be used stops with one line naming
 * the file, and a TLS listener without a key store is reported by key before anything starts.
 */
@Timeout(90)
class NodeTlsStartupTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldNameAMissingKeyStore() throws Exception
    {
        final Path missing = dir.resolve("missing.p12");
        assertThat(dx(config("key-store = \"" + missing + "\""))).isEqualTo(StartupErrors.CANNOT_START);
        assertThat(err.toString().lines()).as("stderr: %s", err).singleElement().asString()
            .startsWith("dx node: tls: cannot read " + missing);
    }

    @Test
    void shouldNameAKeyStoreThatIsNotPkcs12() throws Exception
    {
        final Path garbage = dir.resolve("server.p12");
        Files.writeString(garbage, "not a key store");
        assertThat(dx(config("key-store = \"" + garbage + "\""))).isEqualTo(StartupErrors.CANNOT_START);
        assertThat(err.toString().lines()).as("stderr: %s", err).singleElement().asString()
            .startsWith("dx node: tls: cannot read the key store " + garbage + " (PKCS#12)")
            .doesNotContain("secret-password");
    }

    @Test
    void shouldReportATlsListenerWithoutAKeyStoreByKey() throws Exception
    {
        assertThat(dx(config(""))).isEqualTo(2);
        assertThat(err.toString()).contains("gateways.soupbintcp.tls.key-store");
    }

    private int dx(final Path config)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("node", "--config", config.toString());
    }

    private Path config(final String keyStore) throws Exception
    {
        final Path password = dir.resolve("password");
        Files.writeString(password, "secret-password\n");
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, String.join("\n",
            "node { data-dir = \"" + dir.resolve("data") + "\", journal.segment-size = 1048576, rings.input = 1024, " +
                "rings.output = 4096, http.port = -1 }",
            "gateways {",
            "  soupbintcp { native = \"127.0.0.1:0\"",
            "    tls { native = \"127.0.0.1:0\"" + (keyStore.isEmpty() ? "" : ", " + keyStore +
                ", key-store-password-file = \"" + password + "\"") + " } }",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] }]",
            "}"));
        return file;
    }
}
