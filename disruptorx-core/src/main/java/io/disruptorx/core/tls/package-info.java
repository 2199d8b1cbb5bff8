/**
 * TLS for every TCP edge of the venue, on the JDK's own provider: settings ({@link io.disruptorx.core.tls.TlsConfig}),
 * an SSL context that reloads its certificates when their files change
 * ({@link io.disruptorx.core.tls.TlsContext}), and certificate authorities and certificates made with the JDK's
 * {@code keytool} for demos, tests and small deployments ({@link io.disruptorx.core.tls.Certificates}).
 */
package io.disruptorx.core.tls;
