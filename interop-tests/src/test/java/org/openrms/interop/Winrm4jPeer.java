package org.openrms.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmTool;
import io.cloudsoft.winrm4j.winrm.WinRmToolResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import org.apache.http.client.config.AuthSchemes;

/**
 * The winrm4j peer, run in its own JVM by {@link Winrm4jInteropTest} so that CXF, JAXB and Woodstox
 * never share a classpath with the listener under test.
 *
 * <p>Usage: {@code Winrm4jPeer http|https HOST PORT USER CA_PEM|- COMMAND [basic|ntlm]}; the
 * password comes from {@code OPENRMS_PEER_PASSWORD}. {@code ntlm} is winrm4j's {@code
 * AuthSchemes.NTLM} with {@code PayloadEncryptionMode.REQUIRED} (every message sealed); the default
 * is Basic without encryption. Prints one JSON line: {@code statusCode, stdout, stderr,
 * receiveCalls}, or {@code error, message}.
 */
public final class Winrm4jPeer {
  private static final String STORE_PASSWORD = "interop-trust";

  private Winrm4jPeer() {}

  public static void main(String[] args) throws Exception {
    boolean https = args[0].equals("https");
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    String user = args[3];
    String caPem = args[4];
    String command = args[5];
    boolean ntlm = args.length > 6 && args[6].equals("ntlm");
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    WinRmClientContext context = WinRmClientContext.newInstance();
    try {
      WinRmTool.Builder b =
          WinRmTool.Builder.builder(host, user, System.getenv("OPENRMS_PEER_PASSWORD"))
              .setAuthenticationScheme(ntlm ? AuthSchemes.NTLM : AuthSchemes.BASIC)
              .port(port)
              .useHttps(https)
              .payloadEncryptionMode(
                  ntlm ? PayloadEncryptionMode.REQUIRED : PayloadEncryptionMode.OFF)
              .context(context);
      if (!caPem.equals("-")) {
        // winrm4j 0.12.3 passes Builder.sslContext(...) to CXF, but its async HTTP conduit still
        // validated with the JVM's default trust store (PKIX failure against our CA), so our CA
        // becomes the default trust store of this JVM: validation stays on, hostname included.
        trustOnly(Path.of(caPem));
      }
      WinRmTool tool = b.build();
      tool.setOperationTimeout(20_000L);
      WinRmToolResponse r = tool.executeCommand(command);
      out.put("statusCode", r.getStatusCode());
      out.put("stdout", r.getStdOut());
      out.put("stderr", r.getStdErr());
      out.put("receiveCalls", r.getNumberOfReceiveCalls());
    } catch (Exception e) {
      e.printStackTrace();
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      out.put("error", e.getClass().getName());
      out.put("message", String.valueOf(e.getMessage()));
      out.put("rootCause", root.getClass().getName() + ": " + root.getMessage());
    } finally {
      context.shutdown();
    }
    System.out.println(json.writeValueAsString(out));
    System.out.flush();
    // CXF leaves non-daemon threads behind.
    System.exit(0);
  }

  private static void trustOnly(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      trust.setCertificateEntry(
          "openrms-interop-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path store = Files.createTempFile(caPem.getParent(), "winrm4j-trust", ".p12");
    try (OutputStream out = Files.newOutputStream(store)) {
      trust.store(out, STORE_PASSWORD.toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    System.setProperty("javax.net.ssl.trustStorePassword", STORE_PASSWORD);
  }
}
