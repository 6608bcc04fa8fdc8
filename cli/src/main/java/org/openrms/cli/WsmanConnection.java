package org.openrms.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openrms.cli.internal.Passwords;
import org.openrms.core.Pem;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.ResourceLocator;
import org.openrms.wsman.client.Session;
import org.openrms.wsman.client.SessionFlag;
import org.openrms.wsman.client.WSMan;
import picocli.CommandLine.Option;

/**
 * The connection options every {@code openrms wsman} client command shares: the seed's connection
 * string, session flags and connection options, plus trust material. Opens the {@link Session}.
 */
final class WsmanConnection {
  /** Authentication choices of {@code -a}. */
  enum Auth {
    /** Whatever the seed's default rules pick (Kerberos, or Negotiate). */
    DEFAULT(null),
    /** HTTP Basic (UseBasic). */
    BASIC(SessionFlag.USE_BASIC),
    /** A TLS client certificate (https/mutual). */
    CERTIFICATE(null),
    /** Negotiate (UseNegotiate): Kerberos for user@REALM with a KDC, else NTLM. */
    NEGOTIATE(SessionFlag.USE_NEGOTIATE),
    /** Negotiate restricted to NTLM (UseNegotiate, never Kerberos). */
    NTLM(SessionFlag.USE_NEGOTIATE),
    /** Kerberos (UseKerberos). */
    KERBEROS(SessionFlag.USE_KERBEROS),
    /** No authentication (UseNoAuthentication). */
    NONE(SessionFlag.USE_NO_AUTHENTICATION);

    final SessionFlag flag;

    Auth(SessionFlag flag) {
      this.flag = flag;
    }
  }

  @Option(
      names = {"-r", "--remote"},
      defaultValue = "",
      description =
          "Connection string <transport><address><suffix>, e.g. https://host:5986/wsman"
              + " (default: the local computer, http://localhost:5985/wsman).")
  String connection;

  @Option(
      names = {"-a", "--auth"},
      defaultValue = "DEFAULT",
      description = "Authentication: ${COMPLETION-CANDIDATES} (default: the CreateSession rules).")
  Auth auth;

  @Option(
      names = {"-u", "--username"},
      description =
          "User name (the password comes from --password-file, $OPENRMS_PASSWORD or a"
              + " prompt).")
  String username;

  @Option(names = "--password-file", description = "File whose first line is the password.")
  Path passwordFile;

  @Option(
      names = "--trust",
      description = "PEM file of CA certificates to trust for HTTPS (default: the JDK's).")
  Path trust;

  @Option(
      names = "--client-cert",
      description = "PKCS#12 file with the client key and certificate (-a certificate).")
  Path clientCert;

  @Option(
      names = "--client-cert-password-file",
      description = "File holding the PKCS#12 password (else $OPENRMS_PASSWORD or a prompt).")
  Path clientCertPasswordFile;

  @Option(names = "--skip-ca-check", description = "Do not check the certificate's CA (unsafe).")
  boolean skipCaCheck;

  @Option(names = "--skip-cn-check", description = "Do not check the certificate's name (unsafe).")
  boolean skipCnCheck;

  @Option(
      names = "--no-encryption",
      description =
          "Do not encrypt over plain HTTP (NoEncryption): Basic may send the password, Negotiate"
              + " and Kerberos send the SOAP in clear; the listener must allow unencrypted.")
  boolean noEncryption;

  @Option(
      names = "--spnego-ntlm",
      description = "With -a negotiate|ntlm: wrap NTLM in SPNEGO as Windows does (default: raw).")
  boolean spnegoNtlm;

  @Option(
      names = "--implicit-credentials",
      description =
          "With -a negotiate and no -u: use the Kerberos ticket cache"
              + " (AllowNegotiateImplicitCredentials).")
  boolean implicitCredentials;

  @Option(
      names = "--flags",
      description = "Extra session flags as a number (e.g. 0x40000), ORed with the above.")
  String extraFlags;

  @Option(names = "--timeout", description = "OperationTimeout in milliseconds (Session.Timeout).")
  Integer timeoutMillis;

  @Option(
      names = "--max-envelope-size",
      description = "MaxEnvelopeSize announced to the service, in bytes (default 153600).")
  Integer maxEnvelopeSize;

  /** Opens the session; the returned options must be closed after it. */
  Opened open() throws IOException, GeneralSecurityException {
    Set<SessionFlag> flags = EnumSet.noneOf(SessionFlag.class);
    if (auth.flag != null) {
      flags.add(auth.flag);
    }
    if (skipCaCheck) {
      flags.add(SessionFlag.SKIP_CA_CHECK);
    }
    if (skipCnCheck) {
      flags.add(SessionFlag.SKIP_CN_CHECK);
    }
    if (noEncryption) {
      flags.add(SessionFlag.NO_ENCRYPTION);
    }
    if (implicitCredentials) {
      flags.add(SessionFlag.ALLOW_NEGOTIATE_IMPLICIT_CREDENTIALS);
    }
    if (auth == Auth.NTLM && username == null) {
      throw new IllegalArgumentException("-a ntlm needs a user name (-u DOMAIN\\user or -u user)");
    }
    if (extraFlags != null) {
      flags.addAll(SessionFlag.fromBits(Long.decode(extraFlags).intValue()));
    }
    WSMan.Builder wsman = WSMan.builder();
    if (trust != null) {
      wsman.trustStore(trustStore(trust));
    }
    if (maxEnvelopeSize != null) {
      wsman.maxEnvelopeSize(maxEnvelopeSize);
    }
    ConnectionOptions.Builder options =
        ConnectionOptions.builder().ntlmOnly(auth == Auth.NTLM).spnegoWrappedNtlm(spnegoNtlm);
    boolean any = false;
    if (username != null) {
      flags.add(SessionFlag.CRED_USERNAME_PASSWORD);
      char[] password = Passwords.read(passwordFile, "Password for " + username + ": ");
      try {
        options.userName(username).password(password);
      } finally {
        Arrays.fill(password, '\0');
      }
      any = true;
    }
    if (auth == Auth.CERTIFICATE || clientCert != null) {
      if (clientCert == null) {
        throw new IllegalArgumentException("-a certificate needs --client-cert FILE.p12");
      }
      loadClientCertificate(options);
      any = true;
    }
    ConnectionOptions built = any ? options.build() : null;
    options.clear();
    try {
      Session session = wsman.build().createSession(connection, flags, built);
      if (timeoutMillis != null) {
        session.setTimeout(timeoutMillis);
      }
      return new Opened(session, built);
    } catch (RuntimeException e) {
      if (built != null) {
        built.close(); // zeroes the password
      }
      throw e;
    }
  }

  private void loadClientCertificate(ConnectionOptions.Builder options)
      throws IOException, GeneralSecurityException {
    char[] pw = Passwords.read(clientCertPasswordFile, "Password of " + clientCert + ": ");
    try (InputStream in = Files.newInputStream(clientCert)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, pw);
      for (String alias : java.util.Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          Certificate[] chain = ks.getCertificateChain(alias);
          X509Certificate[] x509 =
              Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
          options.clientCertificate((PrivateKey) ks.getKey(alias, pw), x509);
          return;
        }
      }
      throw new IllegalArgumentException(clientCert + " holds no private key");
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
    List<X509Certificate> certs = Pem.decodeChain(Files.readString(pem, StandardCharsets.US_ASCII));
    if (certs.isEmpty()) {
      throw new IllegalArgumentException(pem + " holds no certificate");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < certs.size(); i++) {
      ks.setCertificateEntry("ca-" + i, certs.get(i));
    }
    return ks;
  }

  /** A session and the options it reads its password from; closes both. */
  record Opened(Session session, ConnectionOptions options) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
      if (options != null) {
        options.close();
      }
    }
  }

  /** Selectors, options and fragment of a resource, from repeated {@code NAME=VALUE} options. */
  static final class Locator {
    @Option(
        names = {"-s", "--selector"},
        description = "Selector NAME=VALUE (repeatable).")
    Map<String, String> selectors = new LinkedHashMap<>();

    @Option(
        names = {"-o", "--option"},
        description = "Option NAME=VALUE (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--must-understand", description = "Mark the options mustUnderstand.")
    boolean mustUnderstand;

    @Option(names = "--fragment", description = "Fragment path (WS-Management FragmentTransfer).")
    String fragment;

    ResourceLocator build(String resourceUri) {
      ResourceLocator.Builder b = ResourceLocator.builder(resourceUri);
      selectors.forEach(b::selector);
      options.forEach(b::option);
      b.mustUnderstandOptions(mustUnderstand);
      if (fragment != null) {
        b.fragmentPath(fragment);
      }
      return b.build();
    }
  }
}
