package org.openrms.rms.client.internal;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.DrmException;
import org.openrms.core.EcP256;
import org.openrms.core.HResult;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.CertificationResponse;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.MachineActivationResponse;
import org.openrms.core.wire.RmsOids;
import org.openrms.core.wire.ServiceInfo;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.StatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activation, run on the callback executor: sends the status messages in order (CONNECTING,
 * CONNECTED, INPROGRESS 0..100, one terminal message) from a single thread, checks for cancellation
 * between steps, and completes the promise after the terminal callback.
 *
 * <p>Cancellation is honoured up to the store write. Once the certificate is persisted the
 * activation is committed: the remaining steps (INPROGRESS 100, COMPLETED) ignore a cancel request,
 * so the terminal status always tells the truth about the store.
 */
final class ActivationTask implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ActivationTask.class);

  /** What to activate and where. */
  record Plan(
      StatusMessage message, URI serviceRoot, URI endpoint, boolean temporary, Object context) {}

  private final SessionState session;
  private final ClientRuntime runtime;
  private final Plan plan;
  private final ActivationPromise promise = new ActivationPromise(this::cancel);
  private volatile boolean activateReturned;
  private final Thread caller = Thread.currentThread();
  private volatile boolean cancelled;
  private volatile boolean persisted;
  private volatile CompletableFuture<?> inFlight;
  private int progress = -1;

  ActivationTask(SessionState session, ClientRuntime runtime, Plan plan) {
    this.session = session;
    this.runtime = runtime;
    this.plan = plan;
  }

  ActivationPromise promise() {
    return promise;
  }

  /**
   * Lets the task start sending messages: called by {@link ActivationGate} as the last action of
   * the outermost SDK {@code activate} frame.
   */
  void activateReturned() {
    // a plain volatile write, no wake-up: the caller's last action must not hand the CPU to the
    // task while the caller is still inside activate (the task polls, see awaitActivateReturned)
    activateReturned = true;
  }

  /**
   * Polls (every 0.1 ms) until {@code activate} returned; polling keeps the caller's exit cheap.
   */
  private void awaitActivateReturned() throws InterruptedException {
    while (!activateReturned) {
      LockSupport.parkNanos(100_000);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /**
   * Requests cancellation; the task ends with E_DRM_ABORTED unless it already stored its
   * certificate, in which case the request is ignored and the activation completes.
   */
  void cancel() {
    cancelled = true;
    CompletableFuture<?> f = inFlight;
    if (f != null) {
      f.cancel(true);
    }
  }

  @Override
  public void run() {
    if (Thread.currentThread() == caller && !activateReturned) {
      // the executor runs tasks inline: never call back on the caller's thread
      DefaultExecutor.INSTANCE.execute(this);
      return;
    }
    String result = null;
    DrmException failure = null;
    try {
      awaitActivateReturned();
      result =
          plan.message() == StatusMessage.ACTIVATE_MACHINE ? activateMachine() : activateUser();
    } catch (DrmException e) {
      failure =
          cancelled && !persisted && e.hresult() != HResult.E_DRM_ABORTED
              ? HResultTable.aborted()
              : e;
    } catch (CancellationException e) {
      failure = HResultTable.aborted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = HResultTable.aborted();
    } catch (RuntimeException | GeneralSecurityException e) {
      LOG.warn("activation failed unexpectedly", e);
      failure = HResultTable.unexpected(e);
    }
    session.activationEnded(this);
    if (failure == null) {
      emit(
          HResult.S_DRM_COMPLETED,
          plan.message() == StatusMessage.ACTIVATE_MACHINE ? null : result);
      promise.succeed(HResult.S_DRM_COMPLETED, result);
    } else {
      LOG.debug("activation ended with {}", failure.getMessage());
      emit(failure.hresult(), RmsFailure.paramOf(failure));
      promise.fail(failure);
    }
  }

  private String activateMachine() throws GeneralSecurityException, InterruptedException {
    checkCancelled();
    KeyPair pair = EcKeys.generate();
    String fingerprint = MachineFingerprint.current();
    connect();
    String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    MachineActivationRequest unsigned =
        new MachineActivationRequest(
            publicKey,
            fingerprint,
            MachineFingerprint.hostName(),
            runtime.settings().clock().millis(),
            null);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(unsigned.signedBytes());
    MachineActivationRequest request =
        new MachineActivationRequest(
            unsigned.publicKey(),
            unsigned.fingerprint(),
            unsigned.hostName(),
            unsigned.timestamp(),
            Base64.getEncoder().encodeToString(s.sign()));
    progress(10);
    MachineActivationResponse response =
        RmsHttp.parse(
            send(
                plan.endpoint(),
                runtime.http().post(plan.endpoint(), request, session.groupIdType())),
            MachineActivationResponse.class);
    progress(50);
    List<X509Certificate> chain =
        runtime.verifier().verify(response.certificateChain(), "machine certificate chain");
    X509Certificate leaf = chain.get(0);
    if (!leaf.getPublicKey().equals(pair.getPublic())) {
      throw HResultTable.invalidResponse("the machine certificate is not for our key", null);
    }
    String certified = fingerprintOf(leaf);
    if (!fingerprint.equals(certified)) {
      throw HResultTable.invalidResponse("the machine certificate names another fingerprint", null);
    }
    progress(75);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    session.registerSecret(pkcs8);
    checkCancelled();
    persist(() -> runtime.storeOf(session).writeMachine(pkcs8, response.certificateChain()));
    persisted = true; // committed: from here on a cancel request is ignored
    session.machineKeyReplaced(pkcs8);
    progress(100);
    return null;
  }

  private String activateUser() throws GeneralSecurityException, InterruptedException {
    checkCancelled();
    SessionState.Machine machine =
        session
            .machine()
            .orElseThrow(
                () ->
                    new DrmException(
                        HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
                        "this machine is not activated for this user; activate the machine first"));
    connect();
    CertificationRequest request =
        new CertificationRequest(
            machine.chainPem(), plan.temporary(), session.groupIdType().name());
    progress(10);
    CertificationResponse response =
        RmsHttp.parse(
            send(
                plan.endpoint(),
                runtime.http().post(plan.endpoint(), request, session.groupIdType())),
            CertificationResponse.class);
    progress(40);
    if (response.racChain() == null || response.sealedPrivateKey() == null) {
      throw HResultTable.invalidResponse("the certification response misses a field", null);
    }
    List<X509Certificate> chain =
        runtime.verifier().verify(response.racChain(), "rights account certificate chain");
    X509Certificate rac = chain.get(0);
    progress(60);
    unsealAndCheck(response.sealedPrivateKey(), machine, rac);
    progress(80);
    String email = email(rac);
    String[] info = racInfo(rac);
    RacRecord record =
        new RacRecord(
            UUID.randomUUID().toString(),
            email,
            info[0],
            info[1],
            rac.getNotBefore().getTime(),
            rac.getNotAfter().getTime(),
            System.currentTimeMillis(),
            EcP256.keyId(machine.certificate().getPublicKey()),
            response.racChain(),
            response.sealedPrivateKey());
    checkCancelled();
    persist(() -> runtime.storeOf(session).writeRac(record));
    persisted = true; // committed: from here on a cancel request is ignored
    progress(100);
    return response.racChain();
  }

  /**
   * Writes to the license store; a local failure (I/O, a broken store) stops the activation with
   * E_DRM_ACTIVATIONFAILED, naming the cause. The write is atomic: nothing partial is left.
   */
  private static void persist(Runnable write) {
    try {
      write.run();
    } catch (DrmException e) {
      throw new RmsFailure(
          HResult.E_DRM_ACTIVATIONFAILED,
          "the certificate could not be stored: " + e.getMessage(),
          null,
          e);
    }
  }

  private void unsealAndCheck(String sealed, SessionState.Machine machine, X509Certificate rac) {
    byte[] racKey = null;
    try {
      PrivateKey machineKey = EcKeys.privateKey(machine.pkcs8());
      racKey = JweEcdhEs.open(sealed, machineKey);
      session.registerSecret(racKey);
      if (!EcKeys.matches(EcKeys.privateKey(racKey), rac.getPublicKey())) {
        throw HResultTable.invalidResponse(
            "the sealed private key does not belong to the rights account certificate", null);
      }
    } catch (GeneralSecurityException e) {
      throw HResultTable.invalidResponse("the machine key or the sealed key is unusable: " + e, e);
    } finally {
      if (racKey != null) {
        Arrays.fill(racKey, (byte) 0);
      }
    }
  }

  /** Probes the service root: CONNECTING, then CONNECTED once it answered, then progress 0. */
  private void connect() throws InterruptedException {
    emit(HResult.S_DRM_CONNECTING, null);
    checkCancelled();
    HttpResponse<String> r = send(plan.serviceRoot(), runtime.http().get(plan.serviceRoot()));
    RmsHttp.parse(r, ServiceInfo.class);
    emit(HResult.S_DRM_CONNECTED, null);
    checkCancelled();
    progress(0);
  }

  private HttpResponse<String> send(URI url, CompletableFuture<HttpResponse<String>> f)
      throws InterruptedException {
    inFlight = f;
    try {
      if (cancelled) {
        f.cancel(true);
      }
      return RmsHttp.await(f, url);
    } finally {
      inFlight = null;
    }
  }

  private void progress(int percent) {
    if (percent > progress) {
      progress = percent;
      emit(HResult.S_DRM_INPROGRESS, percent);
    }
    checkCancelled();
  }

  private void checkCancelled() {
    if (cancelled && !persisted) {
      throw HResultTable.aborted();
    }
  }

  private void emit(HResult hr, Object param) {
    try {
      session.callback().onStatus(plan.message(), hr, param, plan.context());
    } catch (RuntimeException e) {
      LOG.warn("the status callback threw for {} {}; ignored", plan.message(), hr.name(), e);
    }
  }

  static String fingerprintOf(X509Certificate cert) {
    try {
      return CertificateExtensions.utf8(cert, RmsOids.MACHINE_FINGERPRINT).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String email(X509Certificate rac) {
    try {
      Collection<List<?>> sans = rac.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(1).equals(san.get(0)) && san.get(1) instanceof String) {
            return ((String) san.get(1)).toLowerCase(Locale.ROOT);
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw HResultTable.invalidResponse("the RAC's subject alternative names are malformed", e);
    }
    throw HResultTable.invalidResponse("the RAC has no rfc822Name (e-mail)", null);
  }

  private static String[] racInfo(X509Certificate rac) {
    String v;
    try {
      v = CertificateExtensions.utf8(rac, RmsOids.RAC_INFO).orElse(null);
    } catch (IllegalArgumentException e) {
      throw HResultTable.invalidResponse("the RAC information extension is malformed", e);
    }
    String[] parts = v == null ? new String[0] : v.split(";", -1);
    if (parts.length != 2) {
      throw HResultTable.invalidResponse("the RAC lacks a valid information extension", null);
    }
    try {
      GroupIdType.valueOf(parts[0]);
    } catch (IllegalArgumentException e) {
      throw HResultTable.invalidResponse("unknown group-ID type in the RAC: " + parts[0], e);
    }
    return parts;
  }
}
