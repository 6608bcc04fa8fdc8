package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;

/** Seed 002 (DRM_MSG_ACTIVATE_GROUPIDENTITY) and seed 000 (the RAC) against a real server. */
class UserActivationTest {
  @TempDir static Path serverDir;
  static RightsServer server;

  @TempDir Path store;

  @BeforeAll
  static void startServer() {
    server = TestServers.start(serverDir);
    TestServers.addUser(server, "cat");
    TestServers.addUser(
        server, NewUser.builder("dogowner").email("dog@example.com").verified(true));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private RightsClient activatedClient(String login) throws Exception {
    RightsClient client = TestServers.client(server, store, login).build();
    Activations.activateMachine(client);
    return client;
  }

  @Test
  void completedIsTheLastMessageAndCarriesTheRac() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        HResult hr = Activations.activateUser(s, rec, TestServers.certification(server), false);
        assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
        StatusRecorder.Event last = rec.terminal();
        assertThat(last.msg()).isEqualTo(StatusMessage.ACTIVATE_GROUPIDENTITY);
        assertThat(last.context()).isEqualTo("ctx");
        List<X509Certificate> chain = Pem.decodeChain((String) last.param());
        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).getSubjectAlternativeNames())
            .anySatisfy(
                san -> assertThat(List.copyOf(san)).isEqualTo(List.of(1, "cat@example.com")));
        assertThat(chain.get(2)).isEqualTo(server.rootCertificate());
        assertThat(chain.get(1)).isEqualTo(server.licensorCertificate());
      }
    }
  }

  @Test
  void certificateIsAlsoEnteredInTheLicenseStore() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      List<String> seenInStoreAtCompletion = new ArrayList<>();
      List<Boolean> futureDoneAtCompletion = new ArrayList<>();
      ActivationFuture[] future = new ActivationFuture[1];
      ClientSession[] holder = new ClientSession[1];
      StatusRecorder rec =
          new StatusRecorder() {
            @Override
            public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
              if (hr == HResult.S_DRM_COMPLETED) {
                // the RAC must already be in the store when COMPLETED is sent
                seenInStoreAtCompletion.add(
                    holder[0]
                        .enumerateLicense(EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY), 0)
                        .data());
                // the future completes only after the terminal callback returned
                futureDoneAtCompletion.add(future[0].isDone());
              }
              super.onStatus(msg, hr, param, context);
            }
          };
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        holder[0] = s;
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
        future[0] =
            s.activate(
                EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                TestServers.certification(server),
                "ctx");
        assertThat(future[0].await(Activations.WAIT)).isEqualTo(HResult.S_DRM_COMPLETED);
        rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
        String rac = (String) rec.terminal().param();
        assertThat(seenInStoreAtCompletion).containsExactly(rac);
        assertThat(futureDoneAtCompletion).containsExactly(false);
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
        assertThat(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 0).data())
            .isEqualTo(rac);
        assertThat(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY_NAME), 0).data())
            .isEqualTo("cat@example.com");
        assertThatThrownBy(() -> s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 1))
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA));
      }
    }
  }

  @Test
  void activateReturnsBeforeTheMessageIsSent() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      AtomicBoolean returned = new AtomicBoolean();
      List<Boolean> returnedAtCallback = new ArrayList<>();
      Thread caller = Thread.currentThread();
      List<Thread> callbackThreads = new ArrayList<>();
      StatusCallback cb =
          (msg, hr, param, ctx) -> {
            synchronized (returnedAtCallback) {
              returnedAtCallback.add(returned.get());
              callbackThreads.add(Thread.currentThread());
            }
          };
      // a direct executor would run the task on the caller's thread: the SDK must avoid that
      try (RightsClient inline = client.newBuilder().callbackExecutor(Runnable::run).build();
          ClientSession s =
              inline.createClientSession(cb, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        ActivationFuture f =
            s.activate(
                EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                TestServers.certification(server),
                null);
        returned.set(true);
        assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.S_DRM_COMPLETED);
      }
      synchronized (returnedAtCallback) {
        assertThat(returnedAtCallback).isNotEmpty().doesNotContain(false);
        assertThat(callbackThreads).doesNotContain(caller);
      }
    }
  }

  @Test
  void inProgressReportsZeroToHundred() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Activations.activateUser(s, rec, TestServers.certification(server), false);
      }
      List<Integer> progress = rec.progress();
      assertThat(progress).first().isEqualTo(0);
      assertThat(progress).last().isEqualTo(100);
      assertThat(progress).isSorted().hasSizeGreaterThan(2);
    }
  }

  @Test
  void racIsCreatedForTheLoggedOnUserNotTheGroupId() throws Exception {
    // logged on as cat (cat@example.com), but the session's group ID is dog@example.com
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession dog =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "dog@example.com")) {
        HResult hr = Activations.activateUser(dog, rec, TestServers.certification(server), false);
        assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
        X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
        assertThat(rac.getSubjectAlternativeNames())
            .anySatisfy(
                san -> assertThat(List.copyOf(san)).isEqualTo(List.of(1, "cat@example.com")));
        // the store searched for dog@ finds nothing
        assertThat(dog.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
        assertThatThrownBy(
                () -> dog.enumerateLicense(EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY), 0))
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA));
        // but all RACs of the local user include cat's
        assertThat(dog.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY_NAME), 0).data())
            .isEqualTo("cat@example.com");
      }
      try (ClientSession cat =
          client.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "Cat@Example.com")) {
        assertThat(cat.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
        assertThat(
                cat.enumerateLicense(EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY), 0).data())
            .isEqualTo(rec.terminal().param());
      }
    }
  }

  @Test
  void activatingAUserTwiceAddsAnotherRac() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      try (ClientSession s =
          client.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        for (int i = 0; i < 2; i++) {
          StatusRecorder rec = new StatusRecorder();
          ClientSession fresh =
              client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com");
          Activations.activateUser(fresh, rec, TestServers.certification(server), false);
          fresh.close();
        }
        Set<EnumerationFlag> lids = EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID);
        String first = s.enumerateLicense(lids, 0).data();
        String second = s.enumerateLicense(lids, 1).data();
        assertThat(first).isNotEqualTo(second);
        assertThatThrownBy(() -> s.enumerateLicense(lids, 2))
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA));
        assertThat(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 0).data())
            .isNotEqualTo(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 1).data());
      }
    }
  }

  @Test
  void deleteLicenseRemovesTheRacWithThatLicenseId() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Activations.activateUser(s, rec, TestServers.certification(server), true);
        String lid = s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID), 0).data();
        assertThat(lid).matches("[0-9a-f-]{36}");
        assertThat(Path.of(store.toString(), "rac").toFile().list())
            .anySatisfy(n -> assertThat(n).isEqualTo("GIC-cat@example.com-" + lid + ".json"));
        s.deleteLicense(lid);
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
        assertThat(Path.of(store.toString(), "rac").toFile().list()).isEmpty();
        assertThatThrownBy(() -> s.deleteLicense(lid))
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_RECORD_NOT_FOUND));
      }
    }
  }

  @Test
  void temporaryRacIsValidForAboutFifteenMinutes() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Activations.activateUser(s, rec, TestServers.certification(server), true);
        X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
        long remaining = rac.getNotAfter().getTime() - System.currentTimeMillis();
        assertThat(Duration.ofMillis(remaining))
            .isBetween(Duration.ofMinutes(13), Duration.ofMinutes(15));
        // 20 minutes later it is expired: only EXPIRED enumeration still lists it
        try (RightsClient later =
                client
                    .newBuilder()
                    .clock(
                        java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(20)))
                    .build();
            ClientSession l =
                later.createClientSession(
                    new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
          assertThat(l.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
          assertThatThrownBy(
                  () -> l.enumerateLicense(EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY), 0))
              .isInstanceOfSatisfying(
                  DrmException.class,
                  e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA));
          assertThat(
                  l.enumerateLicense(
                          EnumSet.of(
                              EnumerationFlag.SPECIFIED_GROUPIDENTITY, EnumerationFlag.EXPIRED),
                          0)
                      .data())
              .isEqualTo(rec.terminal().param());
        }
      }
    }
  }

  @Test
  void temporaryIsIgnoredWithoutSilent() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        // not silent: the configured service URL and credentials are used, TEMPORARY is ignored
        HResult hr =
            s.activate(EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.TEMPORARY), null, 7)
                .await(Activations.WAIT);
        assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
        rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
        assertThat(rec.terminal().context()).isEqualTo(7);
        X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
        long remaining = rac.getNotAfter().getTime() - System.currentTimeMillis();
        assertThat(Duration.ofMillis(remaining)).isGreaterThan(Duration.ofDays(300));
      }
    }
  }

  @Test
  void theFutureCompletesWithTheSameRac() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        ActivationFuture f =
            s.activate(
                EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                TestServers.certification(server),
                null);
        String viaCopy = f.toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(f.isDone()).isTrue();
        assertThat(f.result()).isEqualTo(viaCopy).isEqualTo(rec.terminal().param());
        assertThat(f.cancel()).isFalse();
      }
    }
  }

  @Test
  void aThrowingCallbackIsCaughtAndTheActivationGoesOn() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      AtomicInteger calls = new AtomicInteger();
      StatusCallback cb =
          (msg, hr, param, ctx) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
          };
      try (ClientSession s =
          client.createClientSession(cb, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        HResult hr =
            s.activate(
                    EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                    TestServers.certification(server),
                    null)
                .await(Activations.WAIT);
        assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
        assertThat(calls.get()).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void anActivationAlreadyInProgressIsRefused() throws Exception {
    try (RightsClient client = activatedClient("cat")) {
      CountDownLatch release = new CountDownLatch(1);
      StatusCallback blocking =
          (msg, hr, param, ctx) -> {
            if (hr == HResult.S_DRM_CONNECTING) {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      try (ClientSession s =
          client.createClientSession(blocking, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Set<ActivationFlag> flags = EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT);
        ActivationFuture first = s.activate(flags, TestServers.certification(server), null);
        ClientSession dup = s.duplicate();
        assertThatThrownBy(() -> dup.activate(flags, TestServers.certification(server), null))
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_ALREADY_IN_PROGRESS));
        release.countDown();
        assertThat(first.await(Activations.WAIT)).isEqualTo(HResult.S_DRM_COMPLETED);
        dup.close();
      }
    }
  }
}
