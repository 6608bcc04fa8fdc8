package org.openrms.rms.client.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The machine-wide service store rule: while a process holds a client session on the store, a
 * process of another local user cannot open one. Users are told apart by their real OS identity
 * ({@link LocalUser}: uid and name), which a process cannot choose.
 *
 * <p>Each JVM holding at least one client session on the store holds a shared OS lock on {@code
 * users/<user>.lock} (one per JVM, reference-counted by sessions). To join, a process takes {@code
 * gate.lock} exclusively, tries an exclusive lock on every other user's lock file (a failure means
 * a live process of that user holds it), and if none is held takes its own shared lock before
 * leaving the gate. OS locks vanish with their process, so a crash never leaves the store blocked.
 */
final class ServiceStoreLock {
  private static final Map<Path, ServiceStoreLock> HELD = new ConcurrentHashMap<>();
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;
  private int sessions;

  private ServiceStoreLock(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Joins the store for one client session, waiting up to {@code timeout} for other users.
   *
   * @throws DrmException {@link HResult#E_DRM_ALREADY_IN_PROGRESS} naming the store and the user
   *     holding it after the timeout; {@link HResult#E_FAIL} if the lock files cannot be used
   */
  @SuppressWarnings("try") // the lock is held by the try block, not referenced
  static ServiceStoreLock acquire(LicenseStore store, String user, Duration timeout) {
    Path root = store.root();
    synchronized (monitor(root)) {
      ServiceStoreLock held = HELD.get(root);
      if (held != null) {
        held.sessions++;
        return held;
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        Path users = root.resolve("users");
        store.files().createDirectory(users);
        String own = fileName(user);
        while (true) {
          Optional<String> holder;
          try (FileChannel gateChannel = store.files().openLockFile(root.resolve("gate.lock"));
              FileLock gate = gateChannel.lock()) {
            holder = otherHolder(store, users, own);
            if (holder.isEmpty()) {
              FileChannel ch = store.files().openLockFile(users.resolve(own));
              try {
                FileLock shared = ch.lock(0, Long.MAX_VALUE, true);
                ServiceStoreLock l = new ServiceStoreLock(root, ch, shared);
                l.sessions = 1;
                HELD.put(root, l);
                return l;
              } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
              }
            }
          }
          if (System.nanoTime() - deadline >= 0) {
            throw new DrmException(
                HResult.E_DRM_ALREADY_IN_PROGRESS,
                "the service store "
                    + root
                    + " is in use by a process of user '"
                    + holder.get()
                    + "'; gave up after "
                    + timeout.toMillis()
                    + " ms");
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrmException(HResult.E_FAIL, "interrupted while waiting for " + root, e);
          }
        }
      } catch (IOException e) {
        throw new DrmException(
            HResult.E_FAIL, "cannot lock the service store " + root + ": " + e.getMessage(), e);
      }
    }
  }

  /** Leaves the store for one session; the OS lock goes with the last one. */
  void release() {
    synchronized (monitor(root)) {
      if (--sessions > 0) {
        return;
      }
      HELD.remove(root, this);
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock anyway
      }
    }
  }

  /** One monitor per store: threads of this JVM join or leave one store at a time. */
  private static Object monitor(Path root) {
    return MONITORS.computeIfAbsent(root, r -> new Object());
  }

  private static Optional<String> otherHolder(LicenseStore store, Path users, String own)
      throws IOException {
    try (Stream<Path> s = Files.list(users)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".lock") || name.equals(own)) {
          continue;
        }
        try (FileChannel ch = store.files().openLockFile(p)) {
          FileLock probe;
          try {
            probe = ch.tryLock();
          } catch (OverlappingFileLockException e) {
            probe = null;
          }
          if (probe == null) {
            return Optional.of(name.substring(0, name.length() - ".lock".length()));
          }
          probe.release();
        }
      }
    }
    return Optional.empty();
  }

  private static String fileName(String user) {
    StringBuilder b = new StringBuilder();
    for (char c : user.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    return b + ".lock";
  }
}
