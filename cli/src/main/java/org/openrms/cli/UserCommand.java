package org.openrms.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.Passwords;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.UserDirectory;
import org.openrms.rms.server.UserRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openrms user}: manages the built-in directory of a rights server's data directory. The
 * server must not be running (its database is then locked); the command says so if it is.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manages the users of the built-in directory (server stopped).",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.ListUsers.class,
      UserCommand.Disable.class,
      UserCommand.Enable.class,
      UserCommand.Verify.class
    })
final class UserCommand {

  /** Shared {@code --data} option. */
  static class DataOption extends BaseCommand {
    @Option(names = "--data", required = true, description = "The server's data directory.")
    Path data;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user.")
  static final class Add extends DataOption implements Callable<Integer> {
    @Option(names = "--email", description = "E-mail (the directory's mail attribute).")
    String email;

    @Option(
        names = "--login",
        description = "Login name for Basic authentication (default: e-mail).")
    String login;

    @Option(names = "--name", description = "Display name (default: the login).")
    String name;

    @Option(names = "--password-file", description = "Read the password from this file.")
    Path passwordFile;

    @Option(names = "--unverified", description = "Mark the e-mail as not verified.")
    boolean unverified;

    @Option(names = "--disabled", description = "Create the account disabled.")
    boolean disabled;

    @Option(
        names = "--allow-invalid-email",
        description =
            "Store an e-mail that is not a valid address (to reproduce directory errors).")
    boolean allowInvalidEmail;

    @Option(
        names = "--ntlm",
        description =
            "Also store the NT hash so the user can log in with NTLM ('openrms server --ntlm')."
                + " The NT hash is password-equivalent (unsalted, enough to log in without the"
                + " password), so only enable it for users who need NTLM.")
    boolean ntlm;

    @Override
    public Integer call() throws Exception {
      String effectiveLogin = login != null ? login : email;
      if (effectiveLogin == null) {
        throw new IllegalArgumentException("give --email, or --login for a user without e-mail");
      }
      char[] password = Passwords.read(passwordFile, "Password for " + effectiveLogin + ": ");
      try (UserDirectory dir = UserDirectory.open(data)) {
        dir.addUser(
            NewUser.builder(effectiveLogin)
                .email(email)
                .displayName(name != null ? name : effectiveLogin)
                .password(password)
                .verified(!unverified)
                .enabled(!disabled)
                .allowInvalidEmail(allowInvalidEmail)
                .ntlm(ntlm)
                .build());
      } finally {
        Arrays.fill(password, '\0');
      }
      out().println("added user " + effectiveLogin);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
  static final class ListUsers extends DataOption implements Callable<Integer> {
    @Override
    public Integer call() {
      try (UserDirectory dir = UserDirectory.open(data)) {
        List<UserRecord> users = dir.listUsers();
        out()
            .printf(
                "%-32s %-32s %-20s %-9s %s%n", "LOGIN", "E-MAIL", "NAME", "VERIFIED", "ENABLED");
        for (UserRecord u : users) {
          out()
              .printf(
                  "%-32s %-32s %-20s %-9s %s%n",
                  u.login(),
                  u.email() == null ? "-" : u.email(),
                  u.displayName(),
                  u.verified() ? "yes" : "no",
                  u.enabled() ? "yes" : "no");
        }
        out().println(users.size() + " user(s)");
      }
      return 0;
    }
  }

  /** A command that changes one user, named by {@code --login}. */
  abstract static class ChangeUser extends DataOption implements Callable<Integer> {
    @Option(names = "--login", required = true, description = "The user's login.")
    String login;

    /** Applies the change. */
    abstract void change(UserDirectory dir);

    /** What to print when done, e.g. "disabled user". */
    abstract String done();

    @Override
    public Integer call() {
      try (UserDirectory dir = UserDirectory.open(data)) {
        change(dir);
      }
      out().println(done() + " " + login);
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a user.")
  static final class Disable extends ChangeUser {
    @Override
    void change(UserDirectory dir) {
      dir.setEnabled(login, false);
    }

    @Override
    String done() {
      return "disabled user";
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a user.")
  static final class Enable extends ChangeUser {
    @Override
    void change(UserDirectory dir) {
      dir.setEnabled(login, true);
    }

    @Override
    String done() {
      return "enabled user";
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Marks a user's e-mail as verified.")
  static final class Verify extends ChangeUser {
    @Override
    void change(UserDirectory dir) {
      dir.setVerified(login, true);
    }

    @Override
    String done() {
      return "verified the e-mail of";
    }
  }
}
