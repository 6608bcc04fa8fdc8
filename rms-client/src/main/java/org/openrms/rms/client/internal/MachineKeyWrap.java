package org.openrms.rms.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The machine activation file ({@code machine/machine-activation.json}): the machine certificate
 * chain in clear and the machine private key (PKCS#8) wrapped with AES-256-GCM, like DPAPI protects
 * a user's secrets.
 *
 * <p>The wrapping key is HKDF-SHA256 of the machine-bound input of {@link MachineBinding} (machine
 * ID and local user, which are not in the store) with a random 32-byte salt kept in the file and a
 * fixed purpose string as info. The AAD binds the purpose and the certificate chain, so neither a
 * key from another file nor a swapped chain opens. A store copied to another machine (or read as
 * another local user) cannot unwrap its key, so it is not activated there.
 *
 * <p>Limits: the inputs are not secret from other processes on the same machine (anyone who can
 * read {@code /etc/machine-id} and knows the user could derive the key), so the owner-only file
 * permissions remain the protection on the machine itself. Keeping the key in an OS keystore
 * (libsecret, macOS Keychain, DPAPI) is future work.
 */
final class MachineKeyWrap {
  static final String FORMAT = "openrms-machine-activation-v2";
  private static final String PURPOSE = "openrms machine private key wrap v2";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** The file as stored (all binary fields base64). */
  record Stored(
      String format, String kdf, String enc, String salt, String iv, String key, String chain) {}

  private MachineKeyWrap() {}

  /** The file content for a key and its chain. */
  static byte[] wrap(byte[] pkcs8, String chainPem) {
    byte[] salt = random(32);
    byte[] iv = random(12);
    byte[] kek = null;
    try {
      kek = kek(salt);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
      gcm.updateAAD(aad(chainPem));
      byte[] wrapped = gcm.doFinal(pkcs8);
      Stored s =
          new Stored(
              FORMAT,
              "HKDF-SHA256",
              "A256GCM",
              B64.encodeToString(salt),
              B64.encodeToString(iv),
              B64.encodeToString(wrapped),
              chainPem);
      return JSON.writeValueAsBytes(s);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot wrap the machine key: " + e, e);
    } finally {
      if (kek != null) {
        Arrays.fill(kek, (byte) 0);
      }
    }
  }

  /**
   * Parses the file.
   *
   * @throws IllegalArgumentException if it is not a machine activation file of this format
   */
  static Stored parse(byte[] file) {
    Stored s;
    try {
      s = JSON.readValue(file, Stored.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a machine activation file: " + e.getMessage(), e);
    }
    if (s == null || !FORMAT.equals(s.format())) {
      throw new IllegalArgumentException("unknown machine activation file format");
    }
    if (s.salt() == null || s.iv() == null || s.key() == null || s.chain() == null) {
      throw new IllegalArgumentException("a field of the machine activation file is missing");
    }
    return s;
  }

  /**
   * Unwraps the key of a parsed file. The caller owns (and must zero) the returned bytes.
   *
   * @throws GeneralSecurityException if it does not open here: another machine or local user, or a
   *     tampered file
   */
  static byte[] unwrap(Stored s) throws GeneralSecurityException {
    byte[] kek = null;
    try {
      byte[] salt = B64D.decode(s.salt());
      byte[] iv = B64D.decode(s.iv());
      if (salt.length != 32 || iv.length != 12) {
        throw new GeneralSecurityException("bad salt or IV length");
      }
      kek = kek(salt);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
      gcm.updateAAD(aad(s.chain()));
      return gcm.doFinal(B64D.decode(s.key()));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("a field is not base64", e);
    } finally {
      if (kek != null) {
        Arrays.fill(kek, (byte) 0);
      }
    }
  }

  private static byte[] kek(byte[] salt) throws GeneralSecurityException {
    byte[] ikm = MachineBinding.keyMaterial();
    try {
      return Hkdf.sha256(ikm, salt, PURPOSE.getBytes(StandardCharsets.UTF_8), 32);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  private static byte[] aad(String chainPem) {
    return (PURPOSE + "\n" + chainPem).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
