package org.openrms.rms.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openrms.core.DrmException;
import org.openrms.core.EcP256;
import org.openrms.core.HResult;

/**
 * Opens a JWE compact serialization with {@code alg=ECDH-ES} (direct key agreement) and {@code
 * enc=A256GCM} on P-256 (RFC 7516, RFC 7518 §4.6 with the Concat KDF of NIST SP 800-56A), with the
 * JDK only. The ephemeral public key is checked to lie on the curve before it is used.
 */
public final class JweEcdhEs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final Set<String> HEADER_FIELDS =
      Set.of("alg", "enc", "epk", "apu", "apv", "kid", "typ", "cty");

  private JweEcdhEs() {}

  /**
   * Opens a sealed key from the server: {@link #decrypt}, with every failure reported as the
   * server's fault. The caller owns (and must zero) the returned bytes.
   *
   * @throws DrmException {@link HResult#E_DRM_INVALID_SERVER_RESPONSE} if it does not open
   */
  public static byte[] open(String compact, PrivateKey recipient) {
    try {
      return decrypt(compact, recipient);
    } catch (GeneralSecurityException e) {
      throw HResultTable.invalidResponse(
          "the sealed private key cannot be opened with the machine key: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts the payload. The caller owns (and must zero) the returned bytes.
   *
   * @throws GeneralSecurityException if the token is malformed, uses other algorithms, or does not
   *     decrypt with the key
   */
  public static byte[] decrypt(String compact, PrivateKey recipient)
      throws GeneralSecurityException {
    String[] parts = compact == null ? new String[0] : compact.split("\\.", -1);
    if (parts.length != 5) {
      throw new GeneralSecurityException("not a JWE compact serialization (5 parts)");
    }
    if (!parts[1].isEmpty()) {
      throw new GeneralSecurityException("ECDH-ES direct agreement has no encrypted key");
    }
    JsonNode header;
    try {
      header = JSON.readTree(B64URL.decode(parts[0]));
    } catch (IOException | IllegalArgumentException e) {
      throw new GeneralSecurityException("the protected header is not base64url JSON", e);
    }
    if (header == null || !header.isObject()) {
      throw new GeneralSecurityException("the protected header is not a JSON object");
    }
    for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!HEADER_FIELDS.contains(f)) {
        throw new GeneralSecurityException("unsupported header parameter '" + f + "'");
      }
    }
    if (!"ECDH-ES".equals(header.path("alg").asText())
        || !"A256GCM".equals(header.path("enc").asText())) {
      throw new GeneralSecurityException("only alg ECDH-ES with enc A256GCM is supported");
    }
    JsonNode epk = header.path("epk");
    if (!"EC".equals(epk.path("kty").asText()) || !"P-256".equals(epk.path("crv").asText())) {
      throw new GeneralSecurityException("epk must be an EC P-256 key");
    }
    ECPublicKey ephemeral =
        EcP256.publicKey(
            coordinate(epk.path("x").asText(null)), coordinate(epk.path("y").asText(null)));
    byte[] apu = optional(header, "apu");
    byte[] apv = optional(header, "apv");
    byte[] iv = decode(parts[2], "iv");
    byte[] ciphertext = decode(parts[3], "ciphertext");
    byte[] tag = decode(parts[4], "tag");
    if (iv.length != 12 || tag.length != 16) {
      throw new GeneralSecurityException("A256GCM needs a 96-bit IV and a 128-bit tag");
    }
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(recipient);
    ka.doPhase(ephemeral, true);
    byte[] z = ka.generateSecret();
    byte[] cek = null;
    try {
      cek = concatKdf(z, "A256GCM", apu, apv, 256);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
      gcm.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
      byte[] input = new byte[ciphertext.length + tag.length];
      System.arraycopy(ciphertext, 0, input, 0, ciphertext.length);
      System.arraycopy(tag, 0, input, ciphertext.length, tag.length);
      return gcm.doFinal(input);
    } finally {
      Arrays.fill(z, (byte) 0);
      if (cek != null) {
        Arrays.fill(cek, (byte) 0);
      }
    }
  }

  /** Concat KDF (SHA-256) as RFC 7518 §4.6.2 specifies it for ECDH-ES direct agreement. */
  static byte[] concatKdf(byte[] z, String algorithmId, byte[] apu, byte[] apv, int keyBits)
      throws GeneralSecurityException {
    byte[] alg = algorithmId.getBytes(StandardCharsets.US_ASCII);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    int rounds = (keyBits / 8 + 31) / 32;
    ByteBuffer out = ByteBuffer.allocate(rounds * 32);
    for (int counter = 1; counter <= rounds; counter++) {
      sha.update(ByteBuffer.allocate(4).putInt(counter).array());
      sha.update(z);
      sha.update(lengthPrefixed(alg));
      sha.update(lengthPrefixed(apu));
      sha.update(lengthPrefixed(apv));
      sha.update(ByteBuffer.allocate(4).putInt(keyBits).array());
      out.put(sha.digest());
    }
    byte[] all = out.array();
    byte[] key = Arrays.copyOf(all, keyBits / 8);
    Arrays.fill(all, (byte) 0);
    return key;
  }

  private static byte[] lengthPrefixed(byte[] data) {
    return ByteBuffer.allocate(4 + data.length).putInt(data.length).put(data).array();
  }

  private static BigInteger coordinate(String b64) throws GeneralSecurityException {
    byte[] raw = decode(b64, "epk coordinate");
    if (raw.length != 32) {
      throw new GeneralSecurityException("a P-256 coordinate has 32 bytes");
    }
    return new BigInteger(1, raw);
  }

  private static byte[] optional(JsonNode header, String field) throws GeneralSecurityException {
    JsonNode n = header.get(field);
    return n == null ? new byte[0] : decode(n.asText(), field);
  }

  private static byte[] decode(String b64, String what) throws GeneralSecurityException {
    if (b64 == null) {
      throw new GeneralSecurityException("missing " + what);
    }
    try {
      return B64URL.decode(b64);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(what + " is not base64url", e);
    }
  }
}
