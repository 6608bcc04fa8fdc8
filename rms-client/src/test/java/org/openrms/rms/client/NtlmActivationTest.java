package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;

/**
 * {@code ntlmForCredentials(true)}: explicit credentials go as raw NTLMSSP under {@code Negotiate}
 * (two rounds on one connection, channel bindings of the server certificate) to a real rights
 * server that accepts NTLM; the RAC carries the directory e-mail, and a wrong password is {@code
 * E_DRM_AUTHENTICATION_FAILED}.
 */
class NtlmActivationTest {
  @TempDir static Path tmp;
  static RightsServer server;

  @BeforeAll
  static void start() {
    server = TestServers.start(tmp.resolve("server"), b -> b.ntlm(true));
    TestServers.addUser(
        server, NewUser.builder("alice").email("alice.ntlm@example.com").verified(true).ntlm(true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RightsClient client(String password, Path store) {
    return TestServers.client(server, store, "alice")
        .credentials("alice", password.toCharArray())
        .ntlmForCredentials(true)
        .build();
  }

  @Test
  void userActivationWithNtlmCertifiesTheDirectoryEmail() throws Exception {
    try (RightsClient c = client(TestServers.PASSWORD, tmp.resolve("store-ok"))) {
      Activations.activateMachine(c);
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "alice.ntlm@example.com")) {
        assertThat(Activations.activateUser(s, rec, TestServers.certification(server), false))
            .isEqualTo(HResult.S_DRM_COMPLETED);
      }
      X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
      assertThat(rac.getSubjectAlternativeNames().iterator().next().get(1))
          .isEqualTo("alice.ntlm@example.com");
    }
  }

  @Test
  void aWrongPasswordFailsAuthentication() throws Exception {
    Path store = tmp.resolve("store-wrong");
    try (RightsClient ok = client(TestServers.PASSWORD, store)) {
      Activations.activateMachine(ok);
    }
    try (RightsClient c = client("wrong password", store)) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "alice.ntlm@example.com")) {
        assertThat(Activations.activateUser(s, rec, TestServers.certification(server), false))
            .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
      }
    }
  }
}
