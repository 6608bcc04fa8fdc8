package org.openrms.rms.server.internal.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code DATA/rms.lock}, held by a running server or an offline user
 * directory, so that two of them never share a data directory (H2 alone would let two users in one
 * JVM open the same file database silently).
 */
public final class DataDirectoryLock implements AutoCloseable {
  /** Lock file name. */
  public static final String FILE = "rms.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @param holder what takes it ({@code "server"} or {@code "directory"}), recorded in the file
   * @throws IllegalStateException if a server or directory already holds it
   */
  public static DataDirectoryLock acquire(Path dataDir, String holder) {
    Path file = dataDir.resolve(FILE);
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    if (lock == null) {
      String other = readHolder(ch);
      closeQuietly(ch);
      if (other.startsWith("directory")) {
        throw new IllegalStateException(
            "the data directory "
                + dataDir
                + " is in use by another user directory; close it first");
      }
      throw new IllegalStateException(
          "the data directory " + dataDir + " is in use by a running server; stop it first");
    }
    try {
      byte[] text =
          (holder + " pid " + ProcessHandle.current().pid() + "\n")
              .getBytes(StandardCharsets.US_ASCII);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(text), 0);
    } catch (IOException e) {
      // the note is informational only
    }
    return new DataDirectoryLock(ch, lock);
  }

  private static String readHolder(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(64);
      ch.read(buf, 0);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel close below releases it too
    }
    closeQuietly(ch());
  }

  private FileChannel ch() {
    return channel;
  }
}
