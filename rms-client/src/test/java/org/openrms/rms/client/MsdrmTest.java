package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;

/** The C-style facade end to end: handles, HRESULT returns, out-parameters, buffer sizing. */
class MsdrmTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  static final int S_OK = HResult.S_OK.value();
  static final int ACTIVATE_MACHINE = 0x01;
  static final int ACTIVATE_GROUPIDENTITY = 0x02;
  static final int ACTIVATE_SILENT = 0x10;
  static final int EL_MACHINE = 0x0001;
  static final int EL_GROUPIDENTITY = 0x0002;
  static final int EL_GROUPIDENTITY_LID = 0x0008;
  static final int SERVICE_TYPE_CERTIFICATION = 0x02;
  static final int SERVICE_LOCATION_ENTERPRISE = 0x02;

  /** A C-style callback recording (msg, hr, param). */
  record Call(int msg, int hr, Object param, Object context) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final DrmCallback callback =
      (msg, hr, param, ctx) -> {
        calls.add(new Call(msg, hr, param, ctx));
        return S_OK;
      };

  @BeforeAll
  static void start() {
    Msdrm.setRightsClient(TestServers.client(shared.server(), tmp.resolve("store"), "cat").build());
  }

  private Call awaitTerminal(int msg) {
    Awaitility.await()
        .atMost(60, TimeUnit.SECONDS)
        .until(
            () ->
                calls.stream()
                    .anyMatch(
                        c ->
                            c.msg() == msg
                                && c.hr() != HResult.S_DRM_CONNECTING.value()
                                && c.hr() != HResult.S_DRM_CONNECTED.value()
                                && c.hr() != HResult.S_DRM_INPROGRESS.value()));
    Call last = calls.get(calls.size() - 1);
    calls.clear();
    return last;
  }

  @Test
  void createClientSessionChecksItsArguments() {
    int[] h = {0};
    assertThat(Msdrm.DRMCreateClientSession(null, 0, "WindowsAuthProvider", null, h))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMCreateClientSession(callback, 1, "WindowsAuthProvider", null, h))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMCreateClientSession(callback, 0, "Kerberos", null, h))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMCreateClientSession(callback, 0, "WindowsAuthProvider", null, null))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(h[0]).isZero();
  }

  @Test
  void activationEnumerationAndHandlesEndToEnd() {
    int[] hClient = {0};
    assertThat(
            Msdrm.DRMCreateClientSession(
                callback, 0, "WindowsAuthProvider", "cat@example.com", hClient))
        .isEqualTo(S_OK);
    assertThat(hClient[0]).isNotZero();

    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_MACHINE, null))
        .isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION.value());
    assertThat(
            Msdrm.DRMActivate(hClient[0], ACTIVATE_MACHINE | ACTIVATE_SILENT, 0, null, "c", null))
        .isEqualTo(S_OK);
    Call machine = awaitTerminal(StatusMessage.ACTIVATE_MACHINE.value());
    assertThat(machine.hr()).isEqualTo(HResult.S_DRM_COMPLETED.value());
    assertThat(machine.param()).isNull();
    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_MACHINE, null)).isEqualTo(S_OK);
    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_GROUPIDENTITY, null))
        .isEqualTo(HResult.E_DRM_NEEDS_GROUPIDENTITY_ACTIVATION.value());

    // locate the certification service with the two-call pattern, then activate the user there
    int[] len = {0};
    assertThat(
            Msdrm.DRMGetServiceLocation(
                hClient[0],
                SERVICE_TYPE_CERTIFICATION,
                SERVICE_LOCATION_ENTERPRISE,
                null,
                len,
                null))
        .isEqualTo(S_OK);
    char[] url = new char[len[0]];
    assertThat(
            Msdrm.DRMGetServiceLocation(
                hClient[0],
                SERVICE_TYPE_CERTIFICATION,
                SERVICE_LOCATION_ENTERPRISE,
                null,
                len,
                url))
        .isEqualTo(S_OK);
    assertThat(url[len[0] - 1]).isEqualTo('\0');
    String certification = new String(url, 0, len[0] - 1);
    ActivationServiceInfo info = ActivationServiceInfo.of(java.net.URI.create(certification));

    assertThat(
            Msdrm.DRMActivate(
                hClient[0], ACTIVATE_GROUPIDENTITY | ACTIVATE_SILENT, 0, info, "ctx", null))
        .isEqualTo(S_OK);
    Call user = awaitTerminal(StatusMessage.ACTIVATE_GROUPIDENTITY.value());
    assertThat(user.hr()).isEqualTo(HResult.S_DRM_COMPLETED.value());
    assertThat(user.context()).isEqualTo("ctx");
    String rac = (String) user.param();
    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_GROUPIDENTITY, null)).isEqualTo(S_OK);

    // two-call sizing: null buffer, too small, exact
    boolean[] shared = {true};
    int[] racLen = {0};
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY, 0, shared, racLen, null))
        .isEqualTo(S_OK);
    assertThat(racLen[0]).isEqualTo(rac.length() + 1);
    char[] small = new char[racLen[0] - 1];
    int[] smallLen = {small.length};
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY, 0, shared, smallLen, small))
        .isEqualTo(HResult.E_DRM_INSUFFICIENT_BUFFER.value());
    assertThat(smallLen[0]).isEqualTo(racLen[0]);
    char[] buf = new char[racLen[0]];
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY, 0, shared, racLen, buf))
        .isEqualTo(S_OK);
    assertThat(new String(buf, 0, racLen[0] - 1)).isEqualTo(rac);
    assertThat(shared[0]).as("client sessions report the per-user store").isFalse();
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY, 1, shared, racLen, null))
        .isEqualTo(HResult.E_DRM_NO_MORE_DATA.value());
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], 0x10000, 0, shared, racLen, null))
        .isEqualTo(HResult.E_INVALIDARG.value());

    // duplicate, storage session, close order
    int[] hDup = {0};
    assertThat(Msdrm.DRMDuplicateSession(hClient[0], hDup)).isEqualTo(S_OK);
    assertThat(hDup[0]).isNotZero().isNotEqualTo(hClient[0]);
    int[] hStorage = {0};
    assertThat(Msdrm.DRMCreateLicenseStorageSession(0, 0, hClient[0], 1, "<il/>", hStorage))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMCreateLicenseStorageSession(7, 9, hClient[0], 0, "<il/>", hStorage))
        .isEqualTo(S_OK);
    assertThat(hStorage[0]).isNotZero();
    boolean[] storageShared = {true};
    int[] mLen = {0};
    assertThat(Msdrm.DRMEnumerateLicense(hStorage[0], EL_MACHINE, 0, storageShared, mLen, null))
        .isEqualTo(S_OK);
    assertThat(storageShared[0]).as("left as passed for storage sessions").isTrue();
    assertThat(
            Msdrm.DRMActivate(hStorage[0], ACTIVATE_MACHINE | ACTIVATE_SILENT, 0, null, null, null))
        .as("a storage session is not a client session")
        .isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());

    assertThat(Msdrm.DRMCloseSession(hDup[0])).isEqualTo(S_OK);
    assertThat(Msdrm.DRMCloseSession(hClient[0])).isEqualTo(HResult.E_FAIL.value());
    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_MACHINE, null))
        .as("the failed close left the handle open")
        .isEqualTo(S_OK);
    assertThat(Msdrm.DRMCloseSession(hStorage[0])).isEqualTo(S_OK);

    // delete the RAC by its license ID
    int[] lidLen = {0};
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY_LID, 0, null, lidLen, null))
        .isEqualTo(S_OK);
    char[] lid = new char[lidLen[0]];
    assertThat(Msdrm.DRMEnumerateLicense(hClient[0], EL_GROUPIDENTITY_LID, 0, null, lidLen, lid))
        .isEqualTo(S_OK);
    assertThat(Msdrm.DRMDeleteLicense(hClient[0], new String(lid, 0, lidLen[0] - 1)))
        .isEqualTo(S_OK);
    assertThat(Msdrm.DRMDeleteLicense(hClient[0], new String(lid, 0, lidLen[0] - 1)))
        .isEqualTo(HResult.E_DRM_RECORD_NOT_FOUND.value());

    assertThat(Msdrm.DRMCloseSession(hClient[0])).isEqualTo(S_OK);
    assertThat(Msdrm.DRMCloseSession(hClient[0])).isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());
    assertThat(Msdrm.DRMIsActivated(hClient[0], ACTIVATE_MACHINE, null))
        .isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());
  }

  @Test
  void invalidHandlesAndFlags() {
    int[] out = {0};
    assertThat(Msdrm.DRMCloseSession(0)).isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());
    assertThat(Msdrm.DRMDuplicateSession(0, out)).isEqualTo(HResult.E_DRM_INVALID_HANDLE.value());
    int[] h = {0};
    assertThat(
            Msdrm.DRMCreateClientSession(callback, 0, "PassportAuthProvider", "p@example.com", h))
        .isEqualTo(S_OK);
    assertThat(Msdrm.DRMActivate(h[0], 0x80, 0, null, null, null))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMActivate(h[0], ACTIVATE_MACHINE, 0, null, null, null))
        .as("MACHINE requires SILENT")
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(
            Msdrm.DRMIsActivated(
                h[0],
                ACTIVATE_MACHINE,
                ActivationServiceInfo.of(java.net.URI.create("https://x/y"))))
        .isEqualTo(HResult.E_INVALIDARG.value());
    assertThat(Msdrm.DRMIsActivated(h[0], ACTIVATE_MACHINE | ACTIVATE_GROUPIDENTITY, null))
        .isEqualTo(HResult.E_INVALIDARG.value());
    int[] len = {0};
    assertThat(Msdrm.DRMGetServiceLocation(h[0], SERVICE_TYPE_CERTIFICATION, 1, null, len, null))
        .isEqualTo(HResult.E_DRM_USE_DEFAULT.value());
    assertThat(
            Msdrm.DRMGetServiceLocation(
                h[0], SERVICE_TYPE_CERTIFICATION, SERVICE_LOCATION_ENTERPRISE, "<il/>", len, null))
        .isEqualTo(HResult.E_NOTIMPL.value());
    assertThat(Msdrm.DRMCloseSession(h[0])).isEqualTo(S_OK);
    assertThat(calls).isEmpty();
  }
}
