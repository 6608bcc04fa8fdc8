package org.openrms.rms.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File primitives of the license store: owner-only (or group) permissions and crash-safe writes
 * (temp file in the same directory, fsync, atomic rename, fsync of the directory).
 */
final class StoreFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Suffix of temp files; a file with it is never a store entry. */
  static final String TEMP_SUFFIX = ".tmp";

  private final boolean groupShared;
  private final Set<PosixFilePermission> dirPerms;
  private final Set<PosixFilePermission> filePerms;

  StoreFiles(boolean groupShared) {
    this.groupShared = groupShared;
    this.dirPerms = PosixFilePermissions.fromString(groupShared ? "rwxrwx---" : "rwx------");
    this.filePerms = PosixFilePermissions.fromString(groupShared ? "rw-rw----" : "rw-------");
  }

  /** Creates a directory (and missing parents) and gives the ones created our permissions. */
  void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createDirectory(parent);
    }
    try {
      Files.createDirectory(dir);
      setPermissions(dir, dirPerms);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  /** Opens (creating with our permissions if needed) a file for shared or exclusive locking. */
  FileChannel openLockFile(Path file) throws IOException {
    try {
      FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      setPermissions(file, filePerms);
      return ch;
    } catch (FileAlreadyExistsException e) {
      return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  /** Writes a file so that readers see either the old or the complete new content. */
  void writeAtomically(Path target, byte[] data) throws IOException {
    Path dir = target.getParent();
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + HexFormat.of().formatHex(randomBytes(6))
                + TEMP_SUFFIX);
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        setPermissions(tmp, filePerms);
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes a file and syncs its directory. */
  boolean delete(Path file) throws IOException {
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) {
      syncDirectory(file.getParent());
    }
    return deleted;
  }

  /** Deletes temp files a crashed writer left behind (call only while holding the store lock). */
  void removeLeftoverTempFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
          LOG.info("removing the leftover temp file {} of an interrupted write", p);
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the rename itself is still atomic
      LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  /**
   * Sets our permissions; in a group-shared store also the group of the parent directory (NIO
   * cannot keep a setgid bit, so the group is set explicitly, and holds without setgid).
   */
  private void setPermissions(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, perms);
      if (groupShared) {
        Path parent = p.toAbsolutePath().getParent();
        GroupPrincipal group = Files.readAttributes(parent, PosixFileAttributes.class).group();
        if (!group.equals(Files.readAttributes(p, PosixFileAttributes.class).group())) {
          Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
        }
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's default access control applies
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
