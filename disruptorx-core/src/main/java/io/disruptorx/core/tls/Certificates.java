package io.disruptorx.core.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and the certificates it signs, made with the JDK's own {@code keytool} (every JDK has
 * it; no other tool or library is needed): EC P-256 keys, SHA-256 signatures, PKCS#12 stores. For the demo, the
 * tests, {@code dx certs} and small deployments; a venue with a corporate PKI imports its own certificates
 * instead. Passwords reach {@code keytool} through its environment, never its command line.
 */
public final class Certificates
{
    private static final String CA_ALIAS = "ca";
    private static final String CA_PASSWORD_ENV = "DX_TLS_CA_PASSWORD";
    private static final String STORE_PASSWORD_ENV = "DX_TLS_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
    /**
     * Each {@code keytool} is a JVM that lives well under a second: compiling with C1 only and collecting with the
     * serial collector start it with about half the CPU (0.85 s to 0.52 s per run on two cores) and change nothing
     * it writes.
     */
    private static final List<String> KEYTOOL_JVM_FLAGS = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");

    private final Path directory;
    private final char[] password;

    private Certificates(final Path directory, final char[] password)
    {
        this.directory = directory;
        this.password = password.clone();
    }

    /**
     * Creates a certificate authority in {@code directory}: {@code ca.p12} (its key) and {@code ca.crt} (its
     * certificate, PEM), and a trust store {@code trust.p12} holding that certificate.
     *
     * @param directory  where the files go (created if missing).
     * @param name       the authority's common name.
     * @param password   password of every store made here.
     * @param validDays  how long the authority's certificate is valid.
     * @return the authority, ready to sign.
     */
    public static Certificates createAuthority(
        final Path directory, final String name, final char[] password, final int validDays)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory, ex);
        }
        final Certificates ca = new Certificates(directory, password);
        ca.keytool("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
            "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-ext", "bc:c", "-validity",
            Integer.toString(validDays), "-keystore", ca.file("ca.p12"), "-storetype", "PKCS12",
            "-storepass:env", CA_PASSWORD_ENV);
        ca.keytool("-exportcert", "-rfc", "-alias", CA_ALIAS, "-keystore", ca.file("ca.p12"),
            "-storepass:env", CA_PASSWORD_ENV, "-file", ca.file("ca.crt"));
        ca.keytool("-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", ca.file("ca.crt"),
            "-keystore", ca.file("trust.p12"), "-storetype", "PKCS12", "-storepass:env", STORE_PASSWORD_ENV);
        return ca;
    }

    /**
     * @return the trust store with this authority's certificate, for servers that accept client certificates it
     * signed and for clients that trust servers it signed.
     */
    public Path trustStore()
    {
        return directory.resolve("trust.p12");
    }

    /**
     * @return the authority's certificate (PEM).
     */
    public Path certificate()
    {
        return directory.resolve("ca.crt");
    }

    /**
     * Issues a server certificate for host names and addresses.
     *
     * @param name      the store's name and the certificate's common name; the store is {@code name.p12}.
     * @param hosts     DNS names and IP addresses the certificate is valid for.
     * @param validDays how long it is valid.
     * @return the PKCS#12 store with its key and chain.
     */
    public Path issueServer(final String name, final List<String> hosts, final int validDays)
    {
        final List<String> san = new ArrayList<>();
        for (final String host : hosts)
        {
            san.add((host.matches("[0-9.]+") || host.contains(":") ? "ip:" : "dns:") + host);
        }
        return issue(name, "CN=" + name, validDays, 0, "serverAuth", "SAN=" + String.join(",", san));
    }

    /**
     * Issues a client certificate whose subject names a user.
     *
     * @param user      the common name (the user the certificate maps to); the store is {@code user.p12}.
     * @param validDays how long it is valid.
     * @return the PKCS#12 store with its key and chain.
     */
    public Path issueClient(final String user, final int validDays)
    {
        return issue(user, "CN=" + user, validDays, 0, "clientAuth", null);
    }

    /**
     * Issues a client certificate that expired {@code daysAgo} days ago (for tests of refusal).
     *
     * @param user    the common name.
     * @param daysAgo days since it expired, at least 1.
     * @return the PKCS#12 store.
     */
    public Path issueExpiredClient(final String user, final int daysAgo)
    {
        return issue(user, "CN=" + user, 1, daysAgo + 1, "clientAuth", null);
    }

    private Path issue(
        final String name, final String subject, final int validDays, final int startDaysAgo, final String usage,
        final String extraExtension)
    {
        final String store = file(name + ".p12");
        final String request = file(name + ".csr");
        final String certificate = file(name + ".crt");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
            "SHA256withECDSA", "-dname", subject, "-validity", Integer.toString(validDays), "-keystore", store,
            "-storetype", "PKCS12", "-storepass:env", STORE_PASSWORD_ENV);
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass:env", STORE_PASSWORD_ENV,
            "-file", request);
        final List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", CA_ALIAS, "-keystore",
            file("ca.p12"), "-storepass:env", CA_PASSWORD_ENV, "-infile", request, "-outfile", certificate,
            "-validity", Integer.toString(validDays), "-ext", "EKU=" + usage, "-ext", "KU=digitalSignature"));
        if (startDaysAgo > 0)
        {
            sign.addAll(List.of("-startdate", "-" + startDaysAgo + "d"));
        }
        if (extraExtension != null)
        {
            sign.addAll(List.of("-ext", extraExtension));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", file("ca.crt"), "-keystore", store,
            "-storepass:env", STORE_PASSWORD_ENV);
        keytool("-importcert", "-alias", name, "-file", certificate, "-keystore", store,
            "-storepass:env", STORE_PASSWORD_ENV);
        try
        {
            Files.delete(Path.of(request));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + request, ex);
        }
        return Path.of(store);
    }

    private String file(final String name)
    {
        return directory.resolve(name).toString();
    }

    private void keytool(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(KEYTOOL_JVM_FLAGS);
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(CA_PASSWORD_ENV, new String(password));
        builder.environment().put(STORE_PASSWORD_ENV, new String(password));
        try
        {
            final Process process = builder.start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish");
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException("keytool " + args[0] + " failed: " +
                    new String(output, StandardCharsets.UTF_8).trim());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run keytool (it comes with every JDK)", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", ex);
        }
    }
}
