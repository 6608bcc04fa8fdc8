package org.openrms.rms.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.PasswordHash;
import org.openrms.rms.server.internal.DataFiles;
import org.openrms.rms.server.internal.db.DataDirectoryLock;
import org.openrms.rms.server.internal.db.Database;
import org.openrms.rms.server.internal.db.UserStore;

/**
 * The built-in user directory: accounts with a login, an optional e-mail, a display name, a
 * verified flag, an enabled flag and a salted PBKDF2-HMAC-SHA256 password hash.
 *
 * <p>Get it from a running server ({@link RightsServer#directory()}; closing it then does nothing)
 * or offline with {@link #open(Path)} while no server uses the data directory. Thread-safe.
 * Failures to reach the database surface as unchecked exceptions.
 *
 * <p>As an {@link IdentityDirectory} it is the server's default: Basic logins are checked against
 * the stored hashes, and a principal authenticated elsewhere is found by its login (an account
 * name, or a user principal name stored as the login; SIDs are not known here).
 */
public final class UserDirectory implements IdentityDirectory, AutoCloseable {
  private static final int MAX_LOGIN = 128;
  private static final int MAX_DISPLAY_NAME = 256;
  private static final int MAX_EMAIL = 320;

  private final UserStore store;
  private final int hashIterations;
  private final SecureRandom random;
  private final Clock clock;
  private final AutoCloseable owned;

  UserDirectory(
      Database db, int hashIterations, SecureRandom random, Clock clock, AutoCloseable owned) {
    this.store = new UserStore(db);
    this.hashIterations = hashIterations;
    this.random = random;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * Opens the directory of a data directory offline, creating and migrating the database if needed;
   * new password hashes use the default iteration count.
   *
   * @throws IllegalStateException if a running server (or another open directory) uses the data
   *     directory: "the data directory DIR is in use by a running server; stop it first"
   */
  public static UserDirectory open(Path dataDir) {
    return open(dataDir, RightsServerConfig.DEFAULT_PASSWORD_HASH_ITERATIONS);
  }

  /**
   * Like {@link #open(Path)}, hashing new passwords with {@code passwordHashIterations} rounds.
   *
   * @throws IllegalStateException if the data directory is in use
   */
  public static UserDirectory open(Path dataDir, int passwordHashIterations) {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalStateException("the data directory " + dir + " is not a directory");
    }
    DataFiles.createPrivateDirectory(dir);
    DataDirectoryLock lock = DataDirectoryLock.acquire(dir, "directory");
    Database db;
    try {
      db = Database.open(dir, "openrms-directory", 2);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    AutoCloseable owned =
        () -> {
          try {
            db.close();
          } finally {
            lock.close();
          }
        };
    return new UserDirectory(
        db, passwordHashIterations, new SecureRandom(), Clock.systemUTC(), owned);
  }

  /**
   * Adds an account and zeroes {@code user.password()}.
   *
   * @throws IllegalArgumentException if the login exists (nothing is changed), a field is not
   *     acceptable, or the e-mail is not a valid address and {@link
   *     NewUser.Builder#allowInvalidEmail(boolean)} was not set
   */
  public void addUser(NewUser user) {
    Objects.requireNonNull(user, "user");
    try {
      checkLogin(user.login());
      checkDisplayName(user.displayName());
      checkEmail(user.email(), user.allowInvalidEmail());
      if (store.find(user.login()).isPresent()) {
        throw duplicate(user.login());
      }
      String hash = PasswordHash.hash(user.password(), hashIterations, random);
      String ntHash = null;
      if (user.ntlm()) {
        byte[] nt = Ntlm.ntHash(user.password());
        ntHash = HexFormat.of().formatHex(nt);
        Arrays.fill(nt, (byte) 0);
      }
      UserRecord rec =
          new UserRecord(
              user.login(),
              user.email(),
              user.displayName(),
              user.verified(),
              user.enabled(),
              clock.instant());
      if (!store.insert(rec, hash, ntHash)) {
        throw duplicate(user.login());
      }
    } finally {
      user.clearPassword();
    }
  }

  /** All accounts, ordered by login, without password hashes. */
  public List<UserRecord> listUsers() {
    return store.list();
  }

  /** The account with this login, if any. */
  public Optional<UserRecord> find(String login) {
    return store.find(Objects.requireNonNull(login, "login")).map(UserStore.StoredUser::user);
  }

  /**
   * Enables or disables an account.
   *
   * @throws IllegalArgumentException if there is no such login
   */
  public void setEnabled(String login, boolean enabled) {
    mustExist(store.update(login, "enabled", enabled, clock.instant()), login);
  }

  /**
   * Marks the e-mail of an account verified or not.
   *
   * @throws IllegalArgumentException if there is no such login
   */
  public void setVerified(String login, boolean verified) {
    mustExist(store.update(login, "verified", verified, clock.instant()), login);
  }

  /**
   * Sets ({@code null}: removes) the e-mail of an account; it must be a valid address.
   *
   * @throws IllegalArgumentException if there is no such login or the address is not valid
   */
  public void setEmail(String login, String email) {
    setEmail(login, email, false);
  }

  /**
   * Sets ({@code null}: removes) the e-mail of an account, storing an invalid address too if {@code
   * allowInvalid}.
   *
   * @throws IllegalArgumentException if there is no such login, or the address is not valid and
   *     {@code allowInvalid} is false
   */
  public void setEmail(String login, String email, boolean allowInvalid) {
    checkEmail(email, allowInvalid);
    mustExist(store.update(login, "email", email, clock.instant()), login);
  }

  /**
   * Deletes an account.
   *
   * @throws IllegalArgumentException if there is no such login
   */
  public void delete(String login) {
    mustExist(store.delete(login), login);
  }

  /**
   * Checks a login and password in constant time with respect to the stored hash; an unknown login
   * costs one hash as well. The password array stays the caller's to zero.
   *
   * @return the account (enabled or not) if the password matches, else empty
   */
  public Optional<UserRecord> authenticate(String login, char[] password) {
    Optional<UserStore.StoredUser> stored =
        login == null || login.isEmpty() ? Optional.empty() : store.find(login);
    boolean usable = password != null && password.length > 0;
    char[] candidate = usable ? password : new char[] {'\0'};
    boolean ok =
        PasswordHash.verify(
            candidate, stored.map(UserStore.StoredUser::passwordHash).orElse(null), hashIterations);
    return ok && usable ? stored.map(UserStore.StoredUser::user) : Optional.empty();
  }

  /** {@inheritDoc} Same as {@link #authenticate(String, char[])}. */
  @Override
  public Optional<DirectoryEntry> verifyPassword(String login, char[] password) {
    return authenticate(login, password).map(DirectoryEntry::of);
  }

  /** {@inheritDoc} Account names and user principal names are looked up as logins. */
  @Override
  public Optional<DirectoryEntry> lookup(DirectoryPrincipal principal) {
    if (principal.kind() == DirectoryPrincipal.Kind.SID || principal.name().isEmpty()) {
      return Optional.empty();
    }
    return find(principal.name()).map(DirectoryEntry::of);
  }

  /**
   * The accounts that may log in with NTLM (added with {@link NewUser.Builder#ntlm(boolean)}), as
   * an NTLM acceptor reads them: user names match the login case-insensitively, and the account's
   * name is its login. Disabled accounts are found too, so that the caller can refuse them by name.
   */
  public NtlmAccountStore ntlmAccounts() {
    return user -> {
      if (user == null || user.isEmpty()) {
        return Optional.empty();
      }
      return store
          .findNtlm(user)
          .map(
              e ->
                  new NtlmAccountStore.Account(
                      e.getKey().login(), HexFormat.of().parseHex(e.getValue())));
    };
  }

  /** Closes an offline directory (database and data-directory lock); no-op for a server's. */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the user directory", e);
      }
    }
  }

  private static IllegalArgumentException duplicate(String login) {
    return new IllegalArgumentException("a user with login '" + login + "' already exists");
  }

  private static void mustExist(boolean found, String login) {
    if (!found) {
      throw new IllegalArgumentException("no user with login '" + login + "'");
    }
  }

  private static void checkLogin(String login) {
    if (login.isBlank() || login.length() > MAX_LOGIN || !login.strip().equals(login)) {
      throw new IllegalArgumentException(
          "a login must be 1 to " + MAX_LOGIN + " characters without surrounding spaces");
    }
    if (login.indexOf(':') >= 0 || hasControl(login)) {
      throw new IllegalArgumentException("a login must not contain ':' or control characters");
    }
  }

  private static void checkDisplayName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_DISPLAY_NAME || hasControl(name)) {
      throw new IllegalArgumentException(
          "a display name must be 1 to " + MAX_DISPLAY_NAME + " printable characters");
    }
  }

  private static void checkEmail(String email, boolean allowInvalid) {
    if (email == null) {
      return;
    }
    if (email.length() > MAX_EMAIL || hasControl(email)) {
      throw new IllegalArgumentException(
          "an e-mail must be at most " + MAX_EMAIL + " printable characters");
    }
    if (!allowInvalid && !EmailAddresses.isValid(email)) {
      throw new IllegalArgumentException(
          "'"
              + email
              + "' is not a valid e-mail address (use allowInvalidEmail to store it anyway)");
    }
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}
