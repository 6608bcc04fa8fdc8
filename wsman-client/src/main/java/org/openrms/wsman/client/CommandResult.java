package org.openrms.wsman.client;

import java.nio.charset.Charset;

/**
 * What {@link RemoteShell#execute} returns: the exit code and everything the command wrote.
 *
 * @param exitCode the exit code (a Windows code above 2^31 comes out negative, as a 32-bit int)
 * @param stdout the standard output bytes
 * @param stderr the standard error bytes
 */
public record CommandResult(int exitCode, byte[] stdout, byte[] stderr) {
  /** Copies the arrays. */
  public CommandResult {
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** The standard output decoded with {@code charset}. */
  public String stdoutText(Charset charset) {
    return new String(stdout, charset);
  }

  /** The standard error decoded with {@code charset}. */
  public String stderrText(Charset charset) {
    return new String(stderr, charset);
  }

  @Override
  public String toString() {
    return "CommandResult[exitCode="
        + exitCode
        + ", stdout="
        + stdout.length
        + " bytes, stderr="
        + stderr.length
        + " bytes]";
  }
}
