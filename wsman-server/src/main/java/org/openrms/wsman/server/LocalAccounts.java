package org.openrms.wsman.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openrms.auth.PasswordHash;

/**
 * The local accounts the listener checks HTTP Basic credentials against: account name to a salted
 * PBKDF2-HMAC-SHA256 hash. Immutable and thread-safe; {@link #withAccount} and {@link #without}
 * return changed copies. Passwords are never stored, only hashes; a check costs one derivation
 * whether or not the account exists, and compares in constant time.
 *
 * <h2>File format</h2>
 *
 * UTF-8 text, one account per line: {@code <name>:<hash>}, where {@code <hash>} is {@code
 * pbkdf2-sha256$<iterations>$<base64 salt>$<base64 derived key>} (unpadded base64). Blank lines and
 * lines starting with {@code #} are ignored. A name is 1–256 characters with no colon, whitespace
 * or control character; names are case-sensitive. {@link #save(Path)} writes the file atomically
 * (temporary file, then rename) with owner-only permissions ({@code rw-------}); {@link
 * #load(Path)} refuses a file that group or others may read or write, as ssh does with private
 * keys.
 */
public final class LocalAccounts {
  private static final String HEADER =
      "# OpenRMS WS-Management local accounts: <name>:pbkdf2-sha256$<iterations>$<salt>$<key>";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final LocalAccounts EMPTY = new LocalAccounts(Map.of());

  /** Rounds for new hashes (OWASP 2023 suggests 600 000; WinRM Basic checks every request). */
  static final int HASH_ITERATIONS = 210_000;

  private final Map<String, String> hashes;

  private LocalAccounts(Map<String, String> hashes) {
    this.hashes = Collections.unmodifiableMap(new TreeMap<>(hashes));
  }

  /** No accounts: every Basic login fails. */
  public static LocalAccounts empty() {
    return EMPTY;
  }

  /**
   * A copy with {@code name} set to {@code password} (added or replaced). The caller still owns the
   * array and should zero it.
   *
   * @throws IllegalArgumentException if the name is not valid or the password is empty
   */
  public LocalAccounts withAccount(String name, char[] password) {
    checkName(name);
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("the password of account " + name + " cannot be empty");
    }
    Map<String, String> copy = new TreeMap<>(hashes);
    copy.put(name, PasswordHash.hash(password, HASH_ITERATIONS, new SecureRandom()));
    return new LocalAccounts(copy);
  }

  /** A copy without {@code name} (the same accounts if it was absent). */
  public LocalAccounts without(String name) {
    if (!hashes.containsKey(name)) {
      return this;
    }
    Map<String, String> copy = new TreeMap<>(hashes);
    copy.remove(name);
    return new LocalAccounts(copy);
  }

  /** The account names, sorted. */
  public List<String> names() {
    return List.copyOf(hashes.keySet());
  }

  /** Whether {@code name} is an account. */
  public boolean contains(String name) {
    return hashes.containsKey(name);
  }

  /**
   * Whether {@code password} is the password of {@code name}. An unknown name costs the same
   * derivation as a known one and answers false.
   */
  public boolean verify(String name, char[] password) {
    if (password == null || password.length == 0) {
      // No account has an empty password; still spend one derivation so timing tells nothing.
      PasswordHash.dummyVerify(new char[] {0}, HASH_ITERATIONS);
      return false;
    }
    return PasswordHash.verify(password, name == null ? null : hashes.get(name), HASH_ITERATIONS);
  }

  /**
   * Reads an accounts file.
   *
   * @throws IOException if it cannot be read, is malformed (the message names the line, never a
   *     hash), or group or others have access to it
   */
  public static LocalAccounts load(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      for (PosixFilePermission p : perms) {
        if (!OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE) {
          throw new IOException(
              file
                  + " is accessible by group or others ("
                  + PosixFilePermissions.toString(perms)
                  + "); chmod 600 it");
        }
      }
    }
    Map<String, String> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon);
      String hash = colon < 0 ? "" : line.substring(colon + 1);
      if (!validName(name) || !PasswordHash.isWellFormed(hash)) {
        throw new IOException(file + " line " + (i + 1) + ": not <name>:<pbkdf2-sha256 hash>");
      }
      if (out.put(name, hash) != null) {
        throw new IOException(file + " line " + (i + 1) + ": account " + name + " repeated");
      }
    }
    return new LocalAccounts(out);
  }

  /**
   * Writes the accounts to {@code file} atomically, with owner-only permissions (on POSIX file
   * systems).
   *
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp =
        posix
            ? Files.createTempFile(
                dir, ".accounts", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, ".accounts", ".tmp");
    try {
      List<String> lines = new ArrayList<>();
      lines.add(HEADER);
      hashes.forEach((n, h) -> lines.add(n + ":" + h));
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix) {
        Files.setPosixFilePermissions(abs, OWNER_ONLY);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void checkName(String name) {
    if (!validName(name)) {
      throw new IllegalArgumentException(
          "an account name is 1-256 characters without colon, whitespace or control characters");
    }
  }

  static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > 256) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "LocalAccounts" + names();
  }
}
