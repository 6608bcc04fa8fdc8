package org.openrms.core;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM encoding and decoding of X.509 certificate chains and other DER blobs (JDK only). */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private Pem() {}

  /** Encodes one DER blob as a PEM block with the given label and 64-character lines. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  /** Encodes a certificate chain, leaf first, as concatenated CERTIFICATE blocks. */
  public static String encodeChain(List<X509Certificate> chain) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        sb.append(encode("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    return sb.toString();
  }

  /** Decodes every block with the given label, in order. */
  public static List<byte[]> decodeAll(String pem, String label) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals(label)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }

  /**
   * Decodes a PEM certificate chain (leaf first).
   *
   * @throws IllegalArgumentException if the text holds no certificate or a block is not a valid
   *     X.509 certificate
   */
  public static List<X509Certificate> decodeChain(String pem) {
    List<byte[]> blocks = decodeAll(pem, "CERTIFICATE");
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block in the PEM text");
    }
    List<X509Certificate> chain = new ArrayList<>(blocks.size());
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks) {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("a CERTIFICATE block is not a valid X.509 certificate", e);
    }
    return chain;
  }

  /** Convenience: the UTF-8 bytes of {@link #encodeChain(List)}. */
  public static byte[] chainBytes(List<X509Certificate> chain) {
    return encodeChain(chain).getBytes(StandardCharsets.UTF_8);
  }
}
