package org.openrms.rms.server.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.openrms.rms.server.internal.DataFiles;

/**
 * The PKCS#12 keystore {@code keys.p12} of the data directory and its password file {@code
 * keystore.pass}. The password file is owner-only: it is what protects the CA keys, so whoever can
 * read it can issue certificates in the server's name.
 */
public final class KeyStoreFile {
  /** File name of the keystore in the data directory. */
  public static final String KEYSTORE = "keys.p12";

  /** File name of the keystore password in the data directory. */
  public static final String PASSWORD_FILE = "keystore.pass";

  private final Path keystore;
  private final Path passwordFile;

  /** The keystore files of a data directory. */
  public KeyStoreFile(Path dataDir) {
    this.keystore = dataDir.resolve(KEYSTORE);
    this.passwordFile = dataDir.resolve(PASSWORD_FILE);
  }

  /** {@code true} if the keystore file exists. */
  public boolean exists() {
    return Files.exists(keystore);
  }

  /**
   * Loads the keystore with the stored password.
   *
   * @throws IllegalStateException if the password file is missing or does not open the keystore
   */
  public KeyStore load(char[] password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot open " + keystore + " with the password in " + passwordFile, e);
    }
  }

  /** Reads the password file; fails clearly if it is missing. */
  public char[] readPassword() {
    if (!Files.exists(passwordFile)) {
      throw new IllegalStateException(
          passwordFile + " is missing: it holds the password of " + keystore);
    }
    try {
      return Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + passwordFile, e);
    }
  }

  /** Creates a new random password and writes it owner-only to the password file. */
  public char[] createPassword(SecureRandom random) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    DataFiles.writeAtomically(passwordFile, (pw + "\n").getBytes(StandardCharsets.US_ASCII), true);
    return pw.toCharArray();
  }

  /** Writes the keystore atomically, owner-only. */
  public void save(KeyStore ks, char[] password) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, password);
      DataFiles.writeAtomically(keystore, out.toByteArray(), true);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write " + keystore, e);
    }
  }
}
