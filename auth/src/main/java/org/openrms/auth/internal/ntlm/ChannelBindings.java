package org.openrms.auth.internal.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Channel bindings for NTLM (MS-NLMP 3.1.5.1.2, "Extended Protection for Authentication"): the
 * MsvAvChannelBindings value is the MD5 of an RFC 2744 gss_channel_bindings_struct with empty
 * addresses and the application data, here RFC 5929 {@code tls-server-end-point}.
 */
public final class ChannelBindings {
  private ChannelBindings() {}

  /**
   * The {@code tls-server-end-point} application data: {@code "tls-server-end-point:"} and the
   * certificate's hash, using its signature's hash function, or SHA-256 for MD5 and SHA-1 (RFC 5929
   * section 4.1) and for algorithms whose hash cannot be told from the name.
   *
   * @param cert the server certificate
   * @return the application data
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  public static byte[] tlsServerEndPoint(X509Certificate cert) throws CertificateEncodingException {
    String hash = hashOf(cert.getSigAlgName());
    byte[] digest;
    try {
      digest = MessageDigest.getInstance(hash).digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(hash + " is not available", e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(digest);
    return out.toByteArray();
  }

  /** The 16-byte MsvAvChannelBindings value for {@code applicationData}. */
  static byte[] hash(byte[] applicationData) {
    byte[] struct = new byte[20];
    Wire.putLe32(struct, 16, applicationData.length);
    return NtlmCrypto.md5(struct, applicationData);
  }

  static String hashOf(String sigAlgName) {
    String name = sigAlgName.toUpperCase(Locale.ROOT);
    int with = name.indexOf("WITH");
    String h = with > 0 ? name.substring(0, with) : "";
    switch (h) {
      case "SHA384":
        return "SHA-384";
      case "SHA512":
        return "SHA-512";
      case "SHA224":
        return "SHA-224";
      default:
        return "SHA-256";
    }
  }
}
