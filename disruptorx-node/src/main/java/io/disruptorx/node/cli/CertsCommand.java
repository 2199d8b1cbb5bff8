package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.disruptorx.core.tls.Certificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx certs --dir DIR}: a certificate authority, a server certificate for the given hosts and a client
 * certificate per user, as PKCS#12 stores sharing one random password kept in {@code DIR/password} (readable by
 * its owner only), and the configuration lines that use them.
 */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = {
        "Makes a certificate authority, a server certificate and client certificates for TLS (keytool, EC P-256).",
        "Prints the node.http.tls lines that use them. docs/tls.md."})
public final class CertsCommand implements Callable<Integer>
{
    private static final int PASSWORD_BYTES = 18;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "dx-data/certs",
        description = "Where the files go (default ${DEFAULT-VALUE}); it must not hold an authority yet.")
    private Path directory;

    @Option(names = "--hosts", paramLabel = "HOST", split = ",", defaultValue = "localhost,127.0.0.1",
        description = "DNS names and IP addresses the server certificate is valid for (default ${DEFAULT-VALUE}).")
    private List<String> hosts;

    @Option(names = "--users", paramLabel = "USER", split = ",", defaultValue = "",
        description = "Users to make client certificates for (mutual TLS), comma-separated.")
    private List<String> users;

    @Option(names = "--days", paramLabel = "DAYS", defaultValue = "365",
        description = "How long the certificates are valid (default ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path dir = directory.toAbsolutePath();
        if (Files.exists(dir.resolve("ca.p12")))
        {
            err.println("dx certs: " + dir + " already holds a certificate authority; choose another --dir");
            return 2;
        }
        if (days < 1 || hosts.stream().anyMatch(String::isBlank))
        {
            err.println("dx certs: --days must be at least 1 and --hosts must name at least one host");
            return 2;
        }
        final char[] password = newPassword();
        try
        {
            final Path passwordFile = writePassword(dir, password);
            final Certificates ca = Certificates.createAuthority(dir, "DisruptorX CA " + dir.getFileName(), password,
                days);
            final Path server = ca.issueServer("server", hosts, days);
            out.printf(Locale.ROOT, "dx certs: authority %s (trust store %s), server %s for %s, valid %d days%n",
                ca.certificate(), ca.trustStore(), server, String.join(", ", hosts), days);
            for (final String user : users)
            {
                if (!user.isBlank())
                {
                    out.printf(Locale.ROOT, "dx certs: client certificate of %s in %s%n", user,
                        ca.issueClient(user.trim(), days));
                }
            }
            out.printf(Locale.ROOT, "dx certs: every store's password is in %s (owner-only); in a node's " +
                "configuration:%n", passwordFile);
            out.printf(Locale.ROOT, "node.http.tls { key-store = \"%s\", key-store-password-file = \"%s\" }%n",
                server, passwordFile);
            out.printf(Locale.ROOT, "# mutual TLS: add trust-store = \"%s\", trust-store-password-file = \"%s\", " +
                "client-auth = required%n", ca.trustStore(), passwordFile);
            out.flush();
            return 0;
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            err.println("dx certs: " + ex.getMessage());
            return 1;
        }
    }

    private static char[] newPassword()
    {
        final byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static Path writePassword(final Path dir, final char[] password)
    {
        final Path file = dir.resolve("password");
        try
        {
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
