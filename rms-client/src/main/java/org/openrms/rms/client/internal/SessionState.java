package org.openrms.rms.client.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationFuture;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.StatusCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state shared by all handles of one client session: reference counts of handles and license
 * storage sessions, the activation in progress, and the secrets held in memory, which are zeroed
 * when the last handle closes.
 */
public final class SessionState {
  private static final Logger LOG = LoggerFactory.getLogger(SessionState.class);

  /** A valid machine activation of this machine and user. */
  record Machine(byte[] pkcs8, String chainPem, X509Certificate certificate) {}

  private final ClientRuntime runtime;
  private final StatusCallback callback;
  private final GroupIdType type;
  private final String groupId;
  private final LicenseStore store;
  private final ServiceStoreLock serviceLock;
  private final Instant createdAt;
  private final List<byte[]> secrets = new ArrayList<>();
  private int handles = 1;
  private int storageSessions;
  private boolean released;
  private ActivationTask current;
  private byte[] machineKey;

  SessionState(
      ClientRuntime runtime,
      StatusCallback callback,
      GroupIdType type,
      String groupId,
      LicenseStore store,
      ServiceStoreLock serviceLock) {
    this.runtime = runtime;
    this.callback = callback;
    this.type = type;
    this.groupId = groupId;
    this.store = store;
    this.serviceLock = serviceLock;
    this.createdAt = runtime.settings().clock().instant();
  }

  /** When the session was created, by the client's clock (shared by all its handles). */
  Instant createdAt() {
    return createdAt;
  }

  StatusCallback callback() {
    return callback;
  }

  GroupIdType groupIdType() {
    return type;
  }

  String groupId() {
    return groupId;
  }

  LicenseStore store() {
    return store;
  }

  ClientRuntime runtime() {
    return runtime;
  }

  // ---- handles -------------------------------------------------------------------------------

  synchronized void addHandle() {
    requireLive();
    handles++;
  }

  /**
   * Releases one handle.
   *
   * @throws DrmException {@link HResult#E_FAIL} if it is the last one and storage sessions are open
   */
  void releaseHandle() {
    ActivationTask toCancel;
    synchronized (this) {
      if (handles == 1 && storageSessions > 0) {
        throw new DrmException(
            HResult.E_FAIL,
            "close the "
                + storageSessions
                + " open license storage session(s) before the last handle of their client"
                + " session; nothing was closed");
      }
      if (--handles > 0) {
        return;
      }
      released = true;
      toCancel = current;
      zeroSecrets();
    }
    if (toCancel != null) {
      toCancel.cancel();
    }
    if (serviceLock != null) {
      serviceLock.release();
    }
  }

  synchronized void storageSessionOpened() {
    requireLive();
    storageSessions++;
  }

  synchronized void storageSessionClosed() {
    storageSessions--;
  }

  private void requireLive() {
    if (released) {
      throw new DrmException(HResult.E_DRM_INVALID_HANDLE, "the session is closed");
    }
  }

  // ---- activation ----------------------------------------------------------------------------

  ActivationFuture activate(Set<ActivationFlag> flags, ActivationServiceInfo info, Object context) {
    if (flags == null) {
      throw new DrmException(HResult.E_INVALIDARG, "the flags cannot be null");
    }
    if (flags.contains(ActivationFlag.CANCEL)) {
      ActivationTask running;
      synchronized (this) {
        running = current;
      }
      if (running == null) {
        return ActivationPromise.completed(HResult.S_OK);
      }
      running.cancel();
      return running.promise();
    }
    ActivationTask.Plan plan = ActivationRules.plan(this, flags, info, context);
    ActivationTask task = new ActivationTask(this, runtime, plan);
    synchronized (this) {
      requireLive();
      if (current != null) {
        throw new DrmException(
            HResult.E_DRM_ALREADY_IN_PROGRESS, "an activation of this session is in progress");
      }
      current = task;
    }
    // the task may start at once on another thread, but it sends nothing before the gate opens:
    // the last action of the outermost activate frame (ActivationGate), never before it returns
    ActivationGate.onExit(task::activateReturned);
    try {
      runtime.settings().executor().execute(task);
    } catch (RuntimeException e) {
      synchronized (this) {
        current = null;
      }
      throw new DrmException(HResult.E_FAIL, "the callback executor refused the activation", e);
    }
    return task.promise();
  }

  synchronized void activationEnded(ActivationTask task) {
    if (current == task) {
      current = null;
    }
  }

  // ---- secrets -------------------------------------------------------------------------------

  /** Tracks a secret byte array so that it is zeroed when the session is released. */
  synchronized void registerSecret(byte[] secret) {
    if (released) {
      Arrays.fill(secret, (byte) 0);
      return;
    }
    if (secrets.size() > 32) {
      secrets.removeIf(SessionState::isZero);
    }
    secrets.add(secret);
  }

  /**
   * The machine key to use from now on. A previous copy stays registered (a running activation may
   * still use it) and is zeroed with the session.
   */
  synchronized void machineKeyReplaced(byte[] pkcs8) {
    machineKey = pkcs8;
  }

  /** The cached machine key if it has the same content, so that a fresh copy can be dropped. */
  private synchronized byte[] cachedMachineKey(byte[] fresh) {
    if (machineKey != null && Arrays.equals(machineKey, fresh)) {
      Arrays.fill(fresh, (byte) 0);
      return machineKey;
    }
    registerSecret(fresh);
    return fresh;
  }

  private synchronized void dropUnlessCached(byte[] key) {
    if (key != machineKey) {
      Arrays.fill(key, (byte) 0);
    }
  }

  private void zeroSecrets() {
    for (byte[] s : secrets) {
      Arrays.fill(s, (byte) 0);
    }
    machineKey = null;
  }

  /** The secret arrays this session holds or held (for tests: all zero once released). */
  public synchronized List<byte[]> secretsForTesting() {
    return List.copyOf(secrets);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  // ---- machine activation state --------------------------------------------------------------

  /** The valid machine activation of this machine and user, if the store holds one. */
  Optional<Machine> machine() {
    Optional<LicenseStore.MachineFiles> files;
    try {
      files = store.readMachine();
    } catch (DrmException e) {
      if (e.hresult() != HResult.E_DRM_NEEDS_MACHINE_ACTIVATION) {
        throw e;
      }
      LOG.warn("{}", e.getMessage());
      return Optional.empty();
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    byte[] pkcs8 = cachedMachineKey(files.get().pkcs8());
    String chainPem = files.get().chainPem();
    List<X509Certificate> chain;
    try {
      chain = Pem.decodeChain(chainPem);
    } catch (IllegalArgumentException e) {
      LOG.warn("{}", LicenseStore.corrupt(files.get().file(), e).getMessage());
      dropUnlessCached(pkcs8);
      return Optional.empty();
    }
    X509Certificate leaf = chain.get(0);
    boolean ok =
        MachineFingerprint.current().equals(ActivationTask.fingerprintOf(leaf))
            && runtime.verifier().isValid(chain);
    if (ok) {
      try {
        ok = EcKeys.matches(EcKeys.privateKey(pkcs8), leaf.getPublicKey());
      } catch (GeneralSecurityException e) {
        LOG.warn("{}", LicenseStore.corrupt(files.get().file(), e).getMessage());
        ok = false;
      }
    }
    if (!ok) {
      dropUnlessCached(pkcs8);
      return Optional.empty();
    }
    machineKeyReplaced(pkcs8);
    return Optional.of(new Machine(pkcs8, chainPem, leaf));
  }
}
