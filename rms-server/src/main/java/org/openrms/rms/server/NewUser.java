package org.openrms.rms.server;

import java.util.Arrays;
import java.util.Objects;

/**
 * An account to add with {@link UserDirectory#addUser(NewUser)}, built with {@link
 * #builder(String)}.
 *
 * <p>The password array is the caller's: {@link UserDirectory#addUser(NewUser)} zeroes it after
 * hashing. {@link #toString()} never shows it.
 */
public final class NewUser {
  private final String login;
  private final String email;
  private final String displayName;
  private final char[] password;
  private final boolean verified;
  private final boolean enabled;
  private final boolean allowInvalidEmail;
  private final boolean ntlm;

  private NewUser(Builder b) {
    this.login = b.login;
    this.email = b.email;
    this.displayName = b.displayName == null ? b.login : b.displayName;
    this.password = b.password;
    this.verified = b.verified;
    this.enabled = b.enabled;
    this.allowInvalidEmail = b.allowInvalidEmail;
    this.ntlm = b.ntlm;
  }

  /** A builder for an account with this login (what HTTP Basic sends as user name). */
  public static Builder builder(String login) {
    return new Builder(login);
  }

  /** The login. */
  public String login() {
    return login;
  }

  /** The directory e-mail, or {@code null} if the account has none. */
  public String email() {
    return email;
  }

  /** The display name (defaults to the login). */
  public String displayName() {
    return displayName;
  }

  /** The password; the caller's array, zeroed by {@link UserDirectory#addUser(NewUser)}. */
  public char[] password() {
    return password;
  }

  /** Whether the e-mail is verified. */
  public boolean verified() {
    return verified;
  }

  /** Whether the account may authenticate. */
  public boolean enabled() {
    return enabled;
  }

  /** Whether an e-mail that is not a valid address may be stored anyway. */
  public boolean allowInvalidEmail() {
    return allowInvalidEmail;
  }

  /** Whether the NT hash is stored so that the account can log in with NTLM. */
  public boolean ntlm() {
    return ntlm;
  }

  @Override
  public String toString() {
    return "NewUser[login="
        + login
        + ", email="
        + email
        + ", displayName="
        + displayName
        + ", verified="
        + verified
        + ", enabled="
        + enabled
        + ", ntlm="
        + ntlm
        + "]";
  }

  /** Builder of {@link NewUser}. */
  public static final class Builder {
    private final String login;
    private String email;
    private String displayName;
    private char[] password;
    private boolean verified;
    private boolean enabled = true;
    private boolean allowInvalidEmail;
    private boolean ntlm;

    private Builder(String login) {
      this.login = Objects.requireNonNull(login, "login");
    }

    /** The directory e-mail; {@code null} (the default) for none. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** The display name; default the login. */
    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The password (required, not empty); the array is kept, not copied, and zeroed on add. */
    public Builder password(char[] password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Whether the e-mail is verified; default {@code false}. */
    public Builder verified(boolean verified) {
      this.verified = verified;
      return this;
    }

    /** Whether the account is enabled; default {@code true}. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Store the e-mail even if {@link EmailAddresses#isValid(String)} rejects it; default {@code
     * false}. Certification then answers {@code INVALID_EMAIL} for this account.
     */
    public Builder allowInvalidEmail(boolean allow) {
      this.allowInvalidEmail = allow;
      return this;
    }

    /**
     * Also store the account's NT hash ({@code MD4(UTF-16LE(password))}) so that it can log in with
     * NTLM under {@code Negotiate}; default {@code false}. The NT hash is password-equivalent (it
     * is all an NTLM client needs, no cracking required) and unsalted, so it is opt-in: enable it
     * only for accounts that need NTLM, and protect the data directory accordingly.
     */
    public Builder ntlm(boolean ntlm) {
      this.ntlm = ntlm;
      return this;
    }

    /**
     * Builds the account description.
     *
     * @throws IllegalStateException if no password was set or it is empty
     */
    public NewUser build() {
      if (password == null || password.length == 0) {
        throw new IllegalStateException("a password is required");
      }
      return new NewUser(this);
    }
  }

  /** Zeroes the password array. */
  void clearPassword() {
    Arrays.fill(password, '\0');
  }
}
