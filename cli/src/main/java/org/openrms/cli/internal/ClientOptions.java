package org.openrms.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import org.openrms.rms.client.RightsClient;
import picocli.CommandLine.Option;

/** The options every client-side command shares, and how they become a {@link RightsClient}. */
public final class ClientOptions {
  @Option(
      names = "--server",
      description = "The rights server's service URL, e.g. https://localhost:8443/rms/v1.")
  public URI server;

  @Option(
      names = "--trust",
      description = "PEM file with the server's root CA (the server writes DATA/root-ca.pem).")
  public Path trust;

  @Option(
      names = "--store",
      description = "License store directory (default: $XDG_DATA_HOME/openrms).")
  public Path store;

  @Option(
      names = "--allow-basic-over-http",
      description = "Send the password to an http:// server in clear text (tests and labs only).")
  public boolean allowBasicOverHttp;

  /** A client without credentials (enough for the store and service location). */
  public RightsClient.Builder builder() {
    RightsClient.Builder b = RightsClient.builder().allowBasicOverHttp(allowBasicOverHttp);
    if (server != null) {
      b.serviceUrl(server);
    }
    if (trust != null) {
      b.trustedRootsPem(trust);
    }
    if (store != null) {
      b.storeDirectory(store);
    }
    return b;
  }

  /** A client that authenticates as {@code user} with a password read per {@link Passwords}. */
  public RightsClient withCredentials(String user, Path passwordFile) throws IOException {
    requireServer();
    if (trust == null) {
      throw new IllegalArgumentException(
          "--trust FILE is required (the server's root-ca.pem): issued certificates must chain"
              + " to it");
    }
    char[] password = Passwords.read(passwordFile, "Password for " + user + ": ");
    try {
      return builder().credentials(user, password).build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Fails clearly when {@code --server} or {@code --trust} is missing. */
  public void requireServer() {
    if (server == null) {
      throw new IllegalArgumentException("--server URL is required");
    }
    if (trust == null && "https".equalsIgnoreCase(server.getScheme())) {
      throw new IllegalArgumentException(
          "--trust FILE is required for https (the server's root-ca.pem)");
    }
  }
}
