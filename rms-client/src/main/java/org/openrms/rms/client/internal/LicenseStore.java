package org.openrms.rms.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The file-based license store of one local user (or one service store).
 *
 * <pre>
 * store.lock                      exclusive OS file lock during every store operation
 * machine/machine-activation.json machine certificate chain (PEM) and the machine private key,
 *                                 wrapped to this machine and user ({@link MachineKeyWrap})
 * rac/GIC-&lt;email&gt;-&lt;lid&gt;.json    one rights account certificate ({@link RacRecord})
 * users/&lt;user&gt;.lock, gate.lock  service store mode only ({@link ServiceStoreLock})
 * </pre>
 *
 * <p>Directories are created 0700 and files 0600 (0770/0660 for a service store). Every write is
 * atomic ({@link StoreFiles#writeAtomically}); temp files of interrupted writes are never read and
 * are removed when a store is opened. Threads of this JVM are serialized by a lock per store
 * directory, processes by the OS lock on {@code store.lock}. A corrupt file gives a {@link
 * DrmException} ({@link HResult#E_FAIL}) naming the file; other entries are untouched.
 */
public final class LicenseStore {
  static final String MACHINE_FILE = "machine-activation.json";

  /** The unencrypted layout of pre-releases: never read, removed when the machine is activated. */
  static final String OLD_MACHINE_KEY = "machine-key.p8";

  static final String OLD_MACHINE_CHAIN = "machine-chain.pem";
  private static final Pattern LID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path root;
  private final StoreFiles files;
  private final ReentrantLock jvmLock;

  private LicenseStore(Path root, boolean serviceStore) {
    this.root = root;
    this.files = new StoreFiles(serviceStore);
    this.jvmLock = JVM_LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
  }

  /**
   * Opens (creating if needed) a store and removes leftovers of interrupted writes.
   *
   * @throws DrmException {@link HResult#E_FAIL} if the directory cannot be created
   */
  public static LicenseStore open(Path directory, boolean serviceStore) {
    Path root = directory.toAbsolutePath().normalize();
    LicenseStore store = new LicenseStore(root, serviceStore);
    try {
      store.files.createDirectory(root);
      store.files.createDirectory(root.resolve("machine"));
      store.files.createDirectory(root.resolve("rac"));
    } catch (IOException e) {
      throw new DrmException(HResult.E_FAIL, "cannot create the license store " + root, e);
    }
    store.locked(
        () -> {
          store.files.removeLeftoverTempFiles(root.resolve("machine"));
          store.files.removeLeftoverTempFiles(root.resolve("rac"));
          return null;
        });
    return store;
  }

  /** The store directory. */
  public Path root() {
    return root;
  }

  StoreFiles files() {
    return files;
  }

  /** The machine key (unwrapped) and chain, and the file they came from. */
  public record MachineFiles(byte[] pkcs8, String chainPem, Path file) {}

  /**
   * Reads the machine activation and unwraps its key.
   *
   * @return empty if the machine was never activated in this store
   * @throws DrmException {@link HResult#E_DRM_NEEDS_MACHINE_ACTIVATION} with the reason if the
   *     store holds a machine activation that cannot be used here: made on another machine or for
   *     another local user (the key does not unwrap), corrupt, or of the old unencrypted layout
   */
  public Optional<MachineFiles> readMachine() {
    Path file = root.resolve("machine").resolve(MACHINE_FILE);
    return locked(
        () -> {
          Optional<MachineKeyWrap.Stored> stored = readMachineFile(file);
          if (stored.isEmpty()) {
            return Optional.empty();
          }
          try {
            return Optional.of(
                new MachineFiles(MachineKeyWrap.unwrap(stored.get()), stored.get().chain(), file));
          } catch (GeneralSecurityException e) {
            throw new DrmException(
                HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
                "the machine key in "
                    + file
                    + " cannot be unwrapped here: the store was copied from another machine or"
                    + " local user (or the file was altered); activate this machine",
                e);
          }
        });
  }

  /**
   * The stored machine certificate chain without touching the key (for enumeration with EXPIRED).
   *
   * @throws DrmException as {@link #readMachine()} for a corrupt or old-layout file
   */
  public Optional<String> readMachineChain() {
    Path file = root.resolve("machine").resolve(MACHINE_FILE);
    return locked(() -> readMachineFile(file).map(MachineKeyWrap.Stored::chain));
  }

  private Optional<MachineKeyWrap.Stored> readMachineFile(Path file) throws IOException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (Files.exists(file.resolveSibling(OLD_MACHINE_KEY))) {
        throw new DrmException(
            HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
            "the store "
                + root
                + " holds a machine key in the unencrypted layout of a pre-release ("
                + OLD_MACHINE_KEY
                + "), which is not used; activate the machine again");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(MachineKeyWrap.parse(raw));
    } catch (IllegalArgumentException e) {
      throw new DrmException(
          HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
          corrupt(file, e).getMessage() + "; or activate the machine again",
          e);
    }
  }

  /**
   * Replaces the machine activation: key (wrapped) and chain in one file, one atomic rename, so a
   * crash leaves either the old or the new activation. Files of the old layout are removed after.
   */
  public void writeMachine(byte[] pkcs8, String chainPem) {
    Path dir = root.resolve("machine");
    byte[] data = MachineKeyWrap.wrap(pkcs8, chainPem);
    locked(
        () -> {
          files.writeAtomically(dir.resolve(MACHINE_FILE), data);
          files.delete(dir.resolve(OLD_MACHINE_KEY));
          files.delete(dir.resolve(OLD_MACHINE_CHAIN));
          return null;
        });
  }

  /**
   * Every RAC in the store, in the order they were stored.
   *
   * @throws DrmException {@link HResult#E_FAIL} naming the first corrupt file
   */
  public List<RacRecord> readRacs() {
    return locked(
        () -> {
          List<RacRecord> out = new ArrayList<>();
          for (Path p : racFiles()) {
            out.add(readRac(p));
          }
          out.sort(Comparator.comparingLong(RacRecord::storedAt).thenComparing(RacRecord::lid));
          return out;
        });
  }

  /** Adds a RAC atomically. */
  public void writeRac(RacRecord rac) {
    rac.requireComplete();
    if (!LID.matcher(rac.lid()).matches()) {
      throw new IllegalArgumentException("a license ID is a lowercase UUID");
    }
    Path file = root.resolve("rac").resolve(racFileName(rac.email(), rac.lid()));
    locked(
        () -> {
          files.writeAtomically(file, JSON.writeValueAsBytes(rac));
          return null;
        });
  }

  /**
   * Deletes the RAC with a license ID (also a corrupt one, found by its file name).
   *
   * @return whether it existed
   */
  public boolean deleteRac(String lid) {
    if (lid == null || !LID.matcher(lid).matches()) {
      return false;
    }
    return locked(
        () -> {
          boolean deleted = false;
          for (Path p : racFiles()) {
            if (p.getFileName().toString().endsWith("-" + lid + ".json")) {
              deleted |= files.delete(p);
            }
          }
          return deleted;
        });
  }

  static String racFileName(String email, String lid) {
    StringBuilder safe = new StringBuilder();
    for (char c : email.toLowerCase(Locale.ROOT).toCharArray()) {
      safe.append(Character.isLetterOrDigit(c) || "@._+-".indexOf(c) >= 0 ? c : '_');
    }
    return "GIC-" + safe + "-" + lid + ".json";
  }

  private List<Path> racFiles() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("rac"))) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("GIC-") && n.endsWith(".json");
              })
          .sorted()
          .toList();
    }
  }

  private static RacRecord readRac(Path p) {
    try {
      RacRecord r = JSON.readValue(Files.readAllBytes(p), RacRecord.class);
      if (r == null) {
        throw new IllegalArgumentException("empty");
      }
      r.requireComplete();
      if (!p.getFileName().toString().endsWith("-" + r.lid() + ".json")) {
        throw new IllegalArgumentException("the license ID does not match the file name");
      }
      return r;
    } catch (IOException | RuntimeException e) {
      throw corrupt(p, e);
    }
  }

  /** The error for a corrupt store file. */
  static DrmException corrupt(Path p, Exception e) {
    return new DrmException(
        HResult.E_FAIL,
        "the license store file "
            + p
            + " is corrupt ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
            + "); delete it (or its license ID) and activate again",
        e);
  }

  /** A store operation. */
  @FunctionalInterface
  interface StoreOperation<T> {
    T run() throws IOException;
  }

  /** Runs an operation holding the JVM lock and the exclusive OS lock of the store. */
  @SuppressWarnings("try") // the lock is held by the try block, not referenced
  <T> T locked(StoreOperation<T> op) {
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return op.run();
      }
      try (FileChannel ch = files.openLockFile(root.resolve("store.lock"));
          FileLock lock = ch.lock()) {
        return op.run();
      }
    } catch (IOException e) {
      throw new DrmException(
          HResult.E_FAIL,
          "license store " + root + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    } finally {
      jvmLock.unlock();
    }
  }
}
