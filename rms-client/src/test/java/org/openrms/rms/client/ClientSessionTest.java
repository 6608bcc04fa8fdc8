package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.internal.ClientSessionHandle;

/** Seeds 000 and 001: creating, duplicating and closing sessions. */
class ClientSessionTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  @TempDir Path store;

  static void assertHr(HResult expected, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DrmException.class, e -> assertThat(e.hresult()).isEqualTo(expected));
  }

  private RightsClient client() {
    return TestServers.client(shared.server(), store, "cat").build();
  }

  @Test
  void callbackCannotBeNull() {
    try (RightsClient c = client()) {
      assertHr(
          HResult.E_INVALIDARG,
          () -> c.createClientSession(null, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com"));
    }
  }

  @Test
  void onlyCallbackVersionZeroIsSupported() {
    try (RightsClient c = client()) {
      for (int version : new int[] {1, -1, 2}) {
        assertHr(
            HResult.E_INVALIDARG,
            () ->
                c.createClientSession(
                    new StatusRecorder(), version, GroupIdType.WINDOWS_AUTH, "cat@example.com"));
      }
      c.createClientSession(new StatusRecorder(), 0, GroupIdType.PASSPORT, "cat@example.com")
          .close();
    }
  }

  @Test
  void providerTypeIsWindowsAuthOrPassport() {
    assertThat(GroupIdType.fromProviderName("WindowsAuthProvider"))
        .isEqualTo(GroupIdType.WINDOWS_AUTH);
    assertThat(GroupIdType.fromProviderName("PassportAuthProvider"))
        .isEqualTo(GroupIdType.PASSPORT);
    for (String bad : new String[] {null, "", "windowsauthprovider", "KerberosProvider"}) {
      assertHr(HResult.E_INVALIDARG, () -> GroupIdType.fromProviderName(bad));
    }
    try (RightsClient c = client()) {
      assertHr(
          HResult.E_INVALIDARG, () -> c.createClientSession(new StatusRecorder(), 0, null, null));
    }
  }

  /**
   * Seed 000: wszGroupID "contains an email address for the user in the format
   * someone@example.com".
   */
  @Test
  void groupIdContainsAnEmailAddressForTheUserInTheFormatSomeoneAtExampleCom() {
    try (RightsClient c = client()) {
      for (String bad :
          new String[] {
            "",
            " ",
            "cat",
            "cat@",
            "@example.com",
            "cat@example",
            "a b@example.com",
            "cat@@example.com",
            "cat@example..com",
            "cat@example.com "
          }) {
        assertThatThrownBy(
                () -> c.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, bad))
            .as("'%s'", bad)
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> {
                  assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG);
                  assertThat(e.getMessage()).contains("someone@example.com");
                });
      }
      for (String good : new String[] {"someone@example.com", "Cat.Owner+rms@mail.example.co.uk"}) {
        c.createClientSession(new StatusRecorder(), 0, GroupIdType.PASSPORT, good).close();
      }
    }
  }

  @Test
  void groupIdMayBeNullForServiceLocationOnly() {
    try (RightsClient c = client();
        ClientSession s =
            c.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null)) {
      assertThat(s.groupId()).isNull();
      URI cert =
          s.getServiceLocation(EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE);
      assertThat(cert.getPort()).isEqualTo(shared.server().port());
      assertThat(cert.getPath()).endsWith("/certification");
      // user activation needs a group ID: thrown synchronously
      assertHr(
          HResult.E_DRM_GROUPID_NOT_SET,
          () ->
              s.activate(
                  EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                  TestServers.certification(shared.server()),
                  null));
      assertHr(HResult.E_DRM_GROUPID_NOT_SET, () -> s.isActivated(ActivationFlag.GROUPIDENTITY));
      assertHr(
          HResult.E_DRM_GROUPID_NOT_SET,
          () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY), 0));
    }
  }

  @Test
  void duplicateKeepsAReferenceCountAndCloseClearsSensitiveData() throws Exception {
    try (RightsClient c = client()) {
      Activations.activateMachine(c);
      StatusRecorder rec = new StatusRecorder();
      ClientSession first =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com");
      Activations.activateUser(first, rec, TestServers.certification(shared.server()), false);
      ClientSession second = first.duplicate();
      assertThat(second).isNotSameAs(first);
      assertThat(second.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();

      List<byte[]> secrets = ((ClientSessionHandle) first).state().secretsForTesting();
      assertThat(secrets).as("secrets held in memory").isNotEmpty();
      assertThat(secrets).anySatisfy(s -> assertThat(isZero(s)).as("a live machine key").isFalse());

      first.close();
      assertThat(first.isOpen()).isFalse();
      first.close(); // idempotent per handle
      assertHr(HResult.E_DRM_INVALID_HANDLE, () -> first.isActivated(ActivationFlag.MACHINE));
      // the session lives on through the duplicate, secrets intact
      assertThat(second.isActivated(ActivationFlag.MACHINE)).isTrue();
      assertThat(secrets).anySatisfy(s -> assertThat(isZero(s)).isFalse());

      second.close();
      assertThat(secrets).allSatisfy(s -> assertThat(isZero(s)).as("zeroed secret").isTrue());
      assertHr(HResult.E_DRM_INVALID_HANDLE, second::duplicate);
    }
  }

  @Test
  void everyCallOnAClosedHandleIsAnInvalidHandle() {
    try (RightsClient c = client()) {
      ClientSession s =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com");
      s.close();
      List<ThrowingCallable> calls =
          List.of(
              s::duplicate,
              s::groupId,
              s::groupIdType,
              () -> s.createLicenseStorageSession("<il/>"),
              () -> s.activate(EnumSet.of(ActivationFlag.CANCEL), null, null),
              () -> s.isActivated(ActivationFlag.MACHINE),
              () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 0),
              () -> s.deleteLicense("00000000-0000-0000-0000-000000000000"),
              () ->
                  s.getServiceLocation(
                      EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE));
      for (ThrowingCallable call : calls) {
        assertHr(HResult.E_DRM_INVALID_HANDLE, call);
      }
    }
  }

  @Test
  void allLicenseStorageSessionsMustBeClosedBeforeTheClientSession() {
    try (RightsClient c = client()) {
      ClientSession client =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com");
      LicenseStorageSession storage = client.createLicenseStorageSession("<issuance-license/>");
      LicenseStorageSession storageDup = storage.duplicate();
      ClientSession clientDup = client.duplicate();

      clientDup.close(); // not the last handle: fine
      assertThatThrownBy(client::close)
          .isInstanceOfSatisfying(
              DrmException.class,
              e -> {
                assertThat(e.hresult()).isEqualTo(HResult.E_FAIL);
                assertThat(e.getMessage()).contains("license storage session");
              });
      assertThat(client.isOpen()).as("nothing was closed").isTrue();
      assertThat(storage.isOpen()).isTrue();
      assertThat(client.groupId()).isEqualTo("cat@example.com");

      storage.close();
      assertThatThrownBy(client::close).isInstanceOf(DrmException.class); // the duplicate is open
      assertThat(storageDup.issuanceLicense()).isEqualTo("<issuance-license/>");
      storageDup.close();
      assertHr(HResult.E_DRM_INVALID_HANDLE, storageDup::duplicate);
      client.close();
      assertThat(client.isOpen()).isFalse();
    }
  }

  /**
   * Seed 001: "The DRMDuplicateSession function duplicates a client or license storage session."
   */
  @Test
  void duplicatesALicenseStorageSession() throws Exception {
    try (RightsClient c = client()) {
      Activations.activateMachine(c);
      ClientSession client =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com");
      LicenseStorageSession storage = client.createLicenseStorageSession("<il id='1'/>");
      LicenseStorageSession dup = storage.duplicate();
      assertThat(dup).isNotSameAs(storage);
      assertThat(dup.isOpen()).isTrue();
      assertThat(dup.issuanceLicense()).isEqualTo(storage.issuanceLicense());
      String machine = client.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0).data();
      assertThat(dup.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0).data())
          .isEqualTo(machine);

      // a reference count: closing the original leaves the duplicate working
      storage.close();
      assertHr(HResult.E_DRM_INVALID_HANDLE, storage::issuanceLicense);
      assertThat(dup.issuanceLicense()).isEqualTo("<il id='1'/>");
      LicenseStorageSession dupOfDup = dup.duplicate();
      dup.close();
      assertHr(HResult.E_FAIL, client::close); // still one storage handle open
      assertThat(dupOfDup.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0).data())
          .isEqualTo(machine);
      dupOfDup.close();
      assertHr(HResult.E_DRM_INVALID_HANDLE, dupOfDup::duplicate);
      client.close(); // the last storage handle is closed: the client session closes
      assertThat(client.isOpen()).isFalse();

      // the same through the C-style facade
      Msdrm.setRightsClient(c);
      int[] h = {0};
      int[] st = {0};
      int[] stDup = {0};
      assertThat(
              Msdrm.DRMCreateClientSession((m, hr, p, x) -> 0, 0, "WindowsAuthProvider", null, h))
          .isZero();
      assertThat(Msdrm.DRMCreateLicenseStorageSession(0, 0, h[0], 0, "<il/>", st)).isZero();
      assertThat(Msdrm.DRMDuplicateSession(st[0], stDup)).isZero();
      assertThat(stDup[0]).isNotZero().isNotEqualTo(st[0]);
      assertThat(Msdrm.DRMCloseSession(st[0])).isZero();
      int[] len = {0};
      assertThat(Msdrm.DRMEnumerateLicense(stDup[0], 0x0001, 0, null, len, null)).isZero();
      assertThat(len[0]).isEqualTo(machine.length() + 1);
      assertThat(Msdrm.DRMCloseSession(h[0])).isEqualTo(HResult.E_FAIL.value());
      assertThat(Msdrm.DRMCloseSession(stDup[0])).isZero();
      assertThat(Msdrm.DRMCloseSession(stDup[0])).isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());
      assertThat(Msdrm.DRMCloseSession(h[0])).isZero();
    }
  }

  @Test
  void licenseStorageSessionEnumeratesTheMachineCertificateButNoRacs() throws Exception {
    try (RightsClient c = client()) {
      try (ClientSession client =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        assertHr(HResult.E_INVALIDARG, () -> client.createLicenseStorageSession(null));
        assertHr(HResult.E_INVALIDARG, () -> client.createLicenseStorageSession("  "));
        try (LicenseStorageSession storage = client.createLicenseStorageSession("<il/>")) {
          assertHr(
              HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
              () -> storage.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0));
          Activations.activateMachine(c);
          LicenseEntry machine = storage.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0);
          assertThat(machine.shared()).isFalse();
          assertThat(machine.data())
              .isEqualTo(client.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0).data());
          assertHr(
              HResult.E_DRM_NO_MORE_DATA,
              () -> storage.enumerateLicense(EnumSet.of(EnumerationFlag.EUL), 0));
          assertHr(
              HResult.E_INVALIDARG,
              () -> storage.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 0));
          assertHr(
              HResult.E_DRM_RECORD_NOT_FOUND,
              () -> storage.deleteLicense("00000000-0000-0000-0000-000000000000"));
        }
      }
    }
  }

  @Test
  void closingTheRightsClientZeroesItsPasswordCopy() {
    char[] password = TestServers.PASSWORD.toCharArray();
    RightsClient c =
        TestServers.client(shared.server(), store, "cat").credentials("cat", password).build();
    char[] copy = c.passwordCopyForTesting();
    assertThat(copy).isNotSameAs(password).containsExactly(password);
    c.close();
    assertThat(new String(copy)).isEqualTo("\0".repeat(password.length));
    assertThat(password).containsExactly(TestServers.PASSWORD.toCharArray());
    assertHr(
        HResult.E_FAIL,
        () -> c.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null));
  }

  @Test
  void builderPasswordCopiesAreZeroedWhenNoLongerNeeded() {
    char[] first = "first password".toCharArray();
    RightsClient.Builder b =
        TestServers.client(shared.server(), store, "cat").credentials("cat", first);
    char[] replaced = b.passwordCopyForTesting();
    b.credentials("cat", TestServers.PASSWORD.toCharArray());
    assertThat(new String(replaced)).as("a replaced copy").isEqualTo("\0".repeat(first.length));
    char[] builderCopy = b.passwordCopyForTesting();
    try (RightsClient c = b.build()) {
      assertThat(new String(builderCopy))
          .as("the builder's copy once built")
          .isEqualTo("\0".repeat(TestServers.PASSWORD.length()));
      assertThat(b.passwordCopyForTesting()).isNull();
      assertThat(c.passwordCopyForTesting()).containsExactly(TestServers.PASSWORD.toCharArray());
      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("credentials(");
      // newBuilder: its copy is zeroed by build, the variant's own copy by its close
      RightsClient.Builder nb = c.newBuilder();
      char[] newBuilderCopy = nb.passwordCopyForTesting();
      RightsClient variant = nb.build();
      assertThat(new String(newBuilderCopy)).isEqualTo("\0".repeat(TestServers.PASSWORD.length()));
      char[] variantCopy = variant.passwordCopyForTesting();
      assertThat(variantCopy).isNotSameAs(c.passwordCopyForTesting());
      variant.close();
      assertThat(new String(variantCopy)).isEqualTo("\0".repeat(TestServers.PASSWORD.length()));
      assertThat(c.passwordCopyForTesting()).containsExactly(TestServers.PASSWORD.toCharArray());
    }
    assertThat(first).containsExactly("first password".toCharArray());
  }

  @Test
  void rightsClientNewBuilderKeepsTheSettings() {
    Consumer<RightsClient> check =
        c -> {
          assertThat(c.serviceUrl()).isEqualTo(shared.server().baseUri());
          assertThat(c.storeDirectory()).isEqualTo(store);
        };
    try (RightsClient c = client();
        RightsClient variant = c.newBuilder().validityTolerance(java.time.Duration.ZERO).build()) {
      check.accept(c);
      check.accept(variant);
      assertThat(variant.validityTolerance()).isZero();
      assertThat(c.validityTolerance()).isEqualTo(java.time.Duration.ofMinutes(15));
      assertThat(c.isServiceStore()).isFalse();
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
