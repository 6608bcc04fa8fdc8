package org.openrms.cli.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a password comes from, in order: {@code --password-file}, the environment variable {@code
 * OPENRMS_PASSWORD}, then a prompt on the console (echo off). Never from a command-line argument,
 * which other users can read in the process list.
 */
public final class Passwords {
  /** The environment variable read when no password file is given. */
  public static final String ENV = "OPENRMS_PASSWORD";

  private Passwords() {}

  /**
   * Reads the password.
   *
   * @param file the {@code --password-file} value, or null
   * @param prompt what to ask on the console
   * @throws IllegalArgumentException with a clear message when no source yields a password
   */
  public static char[] read(Path file, String prompt) throws IOException {
    if (file != null) {
      byte[] bytes = Files.readAllBytes(file);
      try {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String first = end >= 0 ? text.substring(0, end) : text;
        if (first.endsWith("\r")) {
          first = first.substring(0, first.length() - 1);
        }
        if (first.isEmpty()) {
          throw new IllegalArgumentException("the password file " + file + " is empty");
        }
        return first.toCharArray();
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console != null) {
      char[] pw = console.readPassword("%s", prompt);
      if (pw == null || pw.length == 0) {
        throw new IllegalArgumentException("no password entered");
      }
      return pw;
    }
    // No console (piped input): read one line from standard input.
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException(
          "no password: use --password-file FILE, set " + ENV + ", or run in a terminal");
    }
    return line.toCharArray();
  }
}
