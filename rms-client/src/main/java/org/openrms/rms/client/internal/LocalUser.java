package org.openrms.rms.client.internal;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The real operating-system identity of this process, which the process cannot choose (unlike the
 * {@code user.name} system property, which anyone can set on the command line).
 *
 * <p>On Unix (Linux, macOS) it is the real uid and its user name from {@code
 * com.sun.security.auth.module.UnixSystem} (module {@code jdk.security.auth}). Elsewhere, or if
 * that module is missing from a trimmed runtime, it is the owner the OS gives a file this process
 * just created. If neither works, {@link #current()} fails with a clear error rather than guess.
 *
 * @param name the user name ({@code uid<n>} if the uid has no name)
 * @param key a stable key for the identity: {@code <name>-uid<n>} on Unix, else the owner name
 * @param source how it was found ({@code unix} or {@code file-owner})
 */
public record LocalUser(String name, String key, String source) {
  private static volatile LocalUser cached;

  /**
   * The identity of this process (looked up once).
   *
   * @throws DrmException {@link HResult#E_FAIL} if the platform offers no way to find it
   */
  public static LocalUser current() {
    LocalUser u = cached;
    if (u == null) {
      u = lookUp();
      cached = u;
    }
    return u;
  }

  private static LocalUser lookUp() {
    Throwable unixFailure;
    try {
      UnixSystem unix = new UnixSystem();
      long uid = unix.getUid();
      String name = unix.getUsername();
      if (name == null || name.isBlank()) {
        name = "uid" + uid;
      }
      return new LocalUser(name, name + "-uid" + uid, "unix");
    } catch (LinkageError | RuntimeException e) {
      unixFailure = e; // not Unix, or jdk.security.auth is not in this runtime
    }
    Path probe = null;
    try {
      probe = Files.createTempFile("openrms-owner", ".probe");
      String owner = Files.getOwner(probe).getName();
      return new LocalUser(owner, owner, "file-owner");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      DrmException failure =
          new DrmException(
              HResult.E_FAIL,
              "cannot determine the operating-system user of this process (no Unix identity: "
                  + unixFailure
                  + "; no file owner: "
                  + e
                  + ")",
              e);
      failure.addSuppressed(unixFailure);
      throw failure;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException e) {
          // a leftover empty probe file in the temp directory is harmless
        }
      }
    }
  }
}
