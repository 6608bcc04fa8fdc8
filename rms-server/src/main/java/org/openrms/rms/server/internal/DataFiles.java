package org.openrms.rms.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File helpers for the data directory: owner-only permissions and atomic replacement. */
public final class DataFiles {
  private static final Set<PosixFilePermission> DIR_PERMS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS =
      PosixFilePermissions.fromString("rw-------");

  private DataFiles() {}

  /** Creates the directory (and parents) if missing; a new directory is made owner-only. */
  public static void createPrivateDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        setPermissions(dir, DIR_PERMS);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("the data directory " + dir + " is not a directory", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /**
   * {@code true} if others than the owner can read, write or enter the directory (POSIX only; false
   * where permissions cannot be read).
   */
  public static boolean isSharedWithOthers(Path dir) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
      return p.stream().anyMatch(x -> !x.name().startsWith("OWNER_"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Writes a file atomically (temporary file in the same directory, then rename).
   *
   * @param ownerOnly {@code true} to make it readable by the owner only
   */
  public static void writeAtomically(Path file, byte[] content, boolean ownerOnly) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      Files.createFile(tmp);
      if (ownerOnly) {
        setPermissions(tmp, FILE_PERMS);
      }
      Files.write(tmp, content);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void setPermissions(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): rely on the directory's ACLs
    }
  }
}
