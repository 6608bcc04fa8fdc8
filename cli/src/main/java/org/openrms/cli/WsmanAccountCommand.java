package org.openrms.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.cli.internal.Passwords;
import org.openrms.wsman.server.LocalAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openrms wsman account}: adds, removes and lists the local accounts a WS-Management
 * listener checks Basic (and, for accounts added with {@code --ntlm}, NTLM) credentials against.
 * The file holds salted PBKDF2 hashes, plus the NT hash of NTLM accounts (password-equivalent), and
 * is written atomically with owner-only permissions.
 */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Manages the listener's local accounts file (hashes only, mode 600).",
    subcommands = {
      WsmanAccountCommand.Add.class,
      WsmanAccountCommand.Remove.class,
      WsmanAccountCommand.ListAccounts.class
    })
final class WsmanAccountCommand {

  /** Shared {@code --accounts} option. */
  static class FileOption extends BaseCommand {
    @Option(
        names = "--accounts",
        required = true,
        description = "The accounts file (created by add if missing).")
    Path file;

    LocalAccounts load() throws IOException {
      return Files.exists(file) ? LocalAccounts.load(file) : LocalAccounts.empty();
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds an account, or sets the password of an existing one.")
  static final class Add extends FileOption implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
    String name;

    @Option(
        names = "--password-file",
        description = "Read the password from this file (else OPENRMS_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(
        names = "--ntlm",
        description = {
          "Also store the NT hash, so the account can log in with NTLM (Negotiate).",
          "The NT hash is password-equivalent: keep the file private (mode 600)."
        })
    boolean ntlm;

    @Override
    public Integer call() throws IOException {
      LocalAccounts before = load();
      char[] password = Passwords.read(passwordFile, "Password for " + name + ": ");
      try {
        before.withAccount(name, password, ntlm).save(file);
      } finally {
        Arrays.fill(password, '\0');
      }
      out()
          .println(
              (before.contains(name) ? "Changed password of " : "Added ")
                  + name
                  + (ntlm ? " (NTLM enabled)" : ""));
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an account.")
  static final class Remove extends FileOption implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
    String name;

    @Override
    public Integer call() throws IOException {
      if (!Files.exists(file)) {
        err().println("error: no accounts file " + file);
        return ExitCodes.LOCAL;
      }
      LocalAccounts before = LocalAccounts.load(file);
      if (!before.contains(name)) {
        err().println("error: no account " + name + " in " + file);
        return ExitCodes.FAILED;
      }
      before.without(name).save(file);
      out().println("Removed " + name);
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists account names.")
  static final class ListAccounts extends FileOption implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      LocalAccounts accounts = load();
      accounts.names().forEach(n -> out().println(n + (accounts.ntlmEnabled(n) ? " (ntlm)" : "")));
      return ExitCodes.OK;
    }
  }
}
