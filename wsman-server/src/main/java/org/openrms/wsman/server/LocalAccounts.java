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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.PasswordHash;

/**
 * The local accounts the listener checks credentials against: account name to a salted
 * PBKDF2-HMAC-SHA256 hash (HTTP Basic) and, for accounts that opted in, the NT hash NTLM needs.
 * Immutable and thread-safe; {@link #withAccount} and {@link #without} return changed copies.
 * Passwords are never stored, only hashes; a Basic check costs one derivation whether or not the
 * account exists, and compares in constant time.
 *
 * <h2>NTLM is opt-in per account</h2>
 *
 * NTLM (under the {@code Negotiate} scheme) verifies a challenge response computed from the NT hash
 * {@code MD4(UTF-16LE(password))}, unsalted and fast. <b>The NT hash is password-equivalent</b>:
 * whoever reads it can log in over NTLM ("pass the hash") and can brute-force the password far
 * faster than the PBKDF2 hash. So it is stored only for accounts added with {@code
 * withAccount(name, password, true)} ({@code openrms wsman account add --ntlm}), the file stays
 * owner-only, and {@link #ntlmAccounts()} offers only those accounts to the NTLM acceptor. Setting
 * a password with {@link #withAccount(String, char[])} drops an account's NT hash.
 *
 * <h2>File format</h2>
 *
 * UTF-8 text, one account per line: {@code <name>:<hash>}, where {@code <hash>} is {@code
 * pbkdf2-sha256$<iterations>$<base64 salt>$<base64 derived key>} (unpadded base64). Blank lines and
 * lines starting with {@code #} are ignored. A name is 1–256 characters with no colon, whitespace
 * or control character; names are case-sensitive for Basic. Format 2 begins (before any account)
 * with the line {@code version=2} and allows a third field on an account line, {@code :nt$<32
 * lowercase hex digits>}, the NT hash. {@link #save(Path)} writes format 1 (readable by older
 * versions) when no account has an NT hash, else format 2; {@link #load(Path)} reads both and
 * refuses other versions. The file is written atomically (temporary file, then rename) with
 * owner-only permissions ({@code rw-------}); {@link #load(Path)} refuses a file that group or
 * others may read or write, as ssh does with private keys.
 */
public final class LocalAccounts {
  private static final String HEADER =
      "# OpenRMS WS-Management local accounts: <name>:pbkdf2-sha256$<iterations>$<salt>$<key>";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final LocalAccounts EMPTY = new LocalAccounts(Map.of(), Map.of());
  private static final String VERSION_2 = "version=2";
  private static final String NT_PREFIX = "nt$";

  /** Rounds for new hashes (OWASP 2023 suggests 600 000; WinRM Basic checks every request). */
  static final int HASH_ITERATIONS = 210_000;

  private final Map<String, String> hashes;
  private final Map<String, String> ntHashes; // hex, only for NTLM-enabled accounts

  private LocalAccounts(Map<String, String> hashes, Map<String, String> ntHashes) {
    this.hashes = Collections.unmodifiableMap(new TreeMap<>(hashes));
    this.ntHashes = Collections.unmodifiableMap(new TreeMap<>(ntHashes));
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
    return withAccount(name, password, false);
  }

  /**
   * A copy with {@code name} set to {@code password} (added or replaced), and with its NT hash
   * stored when {@code ntlm} is true (see the class comment: the NT hash is password-equivalent).
   * The caller still owns the array and should zero it.
   *
   * @throws IllegalArgumentException if the name is not valid or the password is empty
   */
  public LocalAccounts withAccount(String name, char[] password, boolean ntlm) {
    checkName(name);
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("the password of account " + name + " cannot be empty");
    }
    Map<String, String> copy = new TreeMap<>(hashes);
    copy.put(name, PasswordHash.hash(password, HASH_ITERATIONS, new SecureRandom()));
    Map<String, String> nt = new TreeMap<>(ntHashes);
    if (ntlm) {
      byte[] h = Ntlm.ntHash(password);
      nt.put(name, HexFormat.of().formatHex(h));
      java.util.Arrays.fill(h, (byte) 0);
    } else {
      nt.remove(name);
    }
    return new LocalAccounts(copy, nt);
  }

  /** A copy without {@code name} (the same accounts if it was absent). */
  public LocalAccounts without(String name) {
    if (!hashes.containsKey(name)) {
      return this;
    }
    Map<String, String> copy = new TreeMap<>(hashes);
    copy.remove(name);
    Map<String, String> nt = new TreeMap<>(ntHashes);
    nt.remove(name);
    return new LocalAccounts(copy, nt);
  }

  /** Whether {@code name} may log in with NTLM (its NT hash is stored). */
  public boolean ntlmEnabled(String name) {
    return ntHashes.containsKey(name);
  }

  /**
   * The NTLM-enabled accounts, for an NTLM acceptor. A user name matches its account exactly, else
   * case-insensitively (as Windows does) when exactly one NTLM account matches that way; the
   * account's canonical name becomes the peer name.
   */
  public NtlmAccountStore ntlmAccounts() {
    return user -> {
      String name = ntHashes.containsKey(user) ? user : null;
      if (name == null) {
        for (String n : ntHashes.keySet()) {
          if (n.equalsIgnoreCase(user)) {
            if (name != null) {
              return Optional.empty(); // ambiguous
            }
            name = n;
          }
        }
      }
      return name == null
          ? Optional.empty()
          : Optional.of(
              new NtlmAccountStore.Account(name, HexFormat.of().parseHex(ntHashes.get(name))));
    };
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
    Map<String, String> nt = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int version = 0; // 0: not yet known (format 1 unless the first entry is a version line)
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1) + ": ";
      if (line.startsWith("version=")) {
        if (version != 0 || !line.equals(VERSION_2)) {
          throw new IOException(where + "unsupported or misplaced " + line);
        }
        version = 2;
        continue;
      }
      if (version == 0) {
        version = 1;
      }
      String[] f = line.split(":", -1);
      String name = f[0];
      boolean ok = (f.length == 2 || (f.length == 3 && version == 2)) && validName(name);
      ok = ok && PasswordHash.isWellFormed(f[1]);
      if (ok && f.length == 3) {
        ok = f[2].length() == NT_PREFIX.length() + 32 && f[2].startsWith(NT_PREFIX);
        ok = ok && f[2].substring(NT_PREFIX.length()).chars().allMatch(LocalAccounts::isHex);
      }
      if (!ok) {
        throw new IOException(where + "not <name>:<pbkdf2-sha256 hash>[:nt$<hex>]");
      }
      if (out.put(name, f[1]) != null) {
        throw new IOException(where + "account " + name + " repeated");
      }
      if (f.length == 3) {
        nt.put(name, f[2].substring(NT_PREFIX.length()));
      }
    }
    return new LocalAccounts(out, nt);
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
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
      if (!ntHashes.isEmpty()) {
        lines.add(
            "# NTLM accounts carry :nt$<NT hash>, which is password-equivalent: keep mode 600");
        lines.add(VERSION_2);
      }
      hashes.forEach(
          (n, h) ->
              lines.add(
                  n
                      + ":"
                      + h
                      + (ntHashes.containsKey(n) ? ":" + NT_PREFIX + ntHashes.get(n) : "")));
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
    return "LocalAccounts" + names() + (ntHashes.isEmpty() ? "" : ", ntlm=" + ntHashes.keySet());
  }
}
