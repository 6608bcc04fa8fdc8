package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/** Wrong ids, foreign shells, bad bodies, and commands that must not run. */
class ShellFaultTest {
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "b0b-password";
  private static WsmanListener listener;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    listener =
        TestListeners.start(
            b -> b.accounts(TestListeners.ACCOUNTS.withAccount(BOB, BOB_PASSWORD.toCharArray())));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @AfterEach
  void noLeaks() {
    assertThat(listener.openShells()).isZero();
    assertThat(ShellClient.children()).isEmpty();
  }

  private static void assertInvalidSelectors(WsmanFault f) {
    assertThat(f.type()).isEqualTo(FaultType.INVALID_SELECTORS);
    assertThat(f.wsmanCode()).isEqualTo(2150858843L);
    assertThat(f.faultDetail()).isEqualTo(WsmanFault.DETAIL_UNEXPECTED_SELECTORS);
  }

  @Test
  void anUnknownShellOrCommandIdIsInvalidSelectors() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String bogus = "00000000-0000-0000-0000-000000000000";
      assertInvalidSelectors(c.fault(c.commandRequest(bogus, "echo no")));
      assertInvalidSelectors(c.fault(c.receiveRequest(bogus, bogus)));
      assertInvalidSelectors(c.fault(c.signalRequest(bogus, bogus, SignalCode.TERMINATE)));
      assertInvalidSelectors(c.fault(c.deleteRequest(bogus)));
      assertInvalidSelectors(c.fault(c.request(Actions.GET, bogus).build()));
      assertInvalidSelectors(c.fault(c.request(Actions.GET, null).build()));
      String shell = c.create();
      assertInvalidSelectors(c.fault(c.receiveRequest(shell, bogus)));
      assertInvalidSelectors(c.fault(c.signalRequest(shell, bogus, SignalCode.CTRL_C)));
      c.delete(shell);
      // A deleted shell is gone.
      assertInvalidSelectors(c.fault(c.deleteRequest(shell)));
      assertInvalidSelectors(c.fault(c.commandRequest(shell, "echo no")));
    }
  }

  @Test
  void anotherAccountSeesAnothersShellAsUnknown() throws Exception {
    Path marker = dir.resolve("bob-ran");
    try (ShellClient alice = new ShellClient(listener);
        ShellClient bob = new ShellClient(listener)) {
      bob.authorization = RawConnection.basic(BOB, BOB_PASSWORD);
      String shell = alice.create();
      assertInvalidSelectors(bob.fault(bob.commandRequest(shell, "touch " + marker)));
      assertInvalidSelectors(bob.fault(bob.request(Actions.GET, shell).build()));
      assertInvalidSelectors(bob.fault(bob.deleteRequest(shell)));
      assertThat(marker).doesNotExist();
      // Bob's enumeration does not list it.
      Envelope en = bob.ok(bob.request(Actions.ENUMERATE, null).body(enumerate(true, 10)).build());
      assertThat(items(en.bodyElement().orElseThrow())).isEmpty();
      alice.delete(shell);
    }
  }

  @Test
  void aCommandWithAWrongPasswordNeverRuns() throws Exception {
    Path marker = dir.resolve("ran");
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      Envelope cmd = c.commandRequest(shell, "touch " + marker);
      for (String auth :
          new String[] {
            RawConnection.basic(TestListeners.USER, "wrong"),
            RawConnection.basic("mallory", TestListeners.PASSWORD),
            "Basic !!!",
            "Negotiate abc"
          }) {
        assertThat(c.connection.post(TestListeners.bytes(cmd), "Authorization", auth).status())
            .isEqualTo(401);
      }
      assertThat(c.connection.post(TestListeners.bytes(cmd)).status()).isEqualTo(401);
      assertThat(
              c.connection
                  .post(TestListeners.bytes(cmd), "WSMANIDENTIFY", "unauthenticated")
                  .status())
          .isEqualTo(401);
      Thread.sleep(200);
      assertThat(marker).doesNotExist();
      assertThat(listener.liveProcesses()).isZero();
      // The same connection still works, and the right password does run it.
      c.ok(cmd);
      for (int i = 0; i < 100 && !Files.exists(marker); i++) {
        Thread.sleep(20);
      }
      assertThat(marker).exists();
      c.delete(shell);
    }
  }

  @Test
  void aBadIdleTimeOutOrBodyIsASchemaValidationError() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      for (String idle : new String[] {"soon", "P1Y", "PT0S", "-PT5S"}) {
        XmlElement shell =
            XmlElement.builder(new QName(Namespaces.SHELL, "Shell", "rsp"))
                .child(new QName(Namespaces.SHELL, "IdleTimeOut", "rsp"), idle)
                .child(new QName(Namespaces.SHELL, "InputStreams", "rsp"), "stdin")
                .build();
        WsmanFault f = c.fault(c.request(Actions.CREATE, null).body(shell).build());
        assertThat(f.type()).as(idle).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
        assertThat(f.wsmanCode()).isEqualTo(2150858817L);
      }
      WsmanFault empty = c.fault(c.request(Actions.CREATE, null).build());
      assertThat(empty.wsmanCode()).isEqualTo(2150858817L);
      WsmanFault wrong =
          c.fault(
              c.request(Actions.CREATE, null)
                  .body(XmlElement.of(new QName(Namespaces.SHELL, "Nope", "rsp")))
                  .build());
      assertThat(wrong.wsmanCode()).isEqualTo(2150858817L);
      String shell = c.create();
      WsmanFault noLine = c.fault(c.request(Actions.COMMAND, shell).build());
      assertThat(noLine.wsmanCode()).isEqualTo(2150858817L);
      WsmanFault noReceive = c.fault(c.request(Actions.RECEIVE, shell).build());
      assertThat(noReceive.wsmanCode()).isEqualTo(2150858817L);
      WsmanFault unknownAction = c.fault(c.request(Namespaces.SHELL + "/Explode", shell).build());
      assertThat(unknownAction.type()).isEqualTo(FaultType.ACTION_NOT_SUPPORTED);
      c.delete(shell);
    }
  }

  @Test
  void aMissingWorkingDirectoryIsRefusedAtCreate() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      WsmanFault f =
          c.fault(
              c.createRequest(
                  new org.openrms.wsman.ShellCreate(
                      "stdin",
                      "stdout stderr",
                      dir.resolve("absent").toString(),
                      java.util.Map.of(),
                      null)));
      assertThat(f.type()).isEqualTo(FaultType.INVALID_PARAMETER);
    }
  }

  static XmlElement enumerate(boolean optimize, int max) {
    XmlElement.Builder b = XmlElement.builder(new QName(Namespaces.ENUMERATION, "Enumerate", "n"));
    if (optimize) {
      b.child(XmlElement.of(new QName(Namespaces.WSMAN, "OptimizeEnumeration", "w")));
      b.child(new QName(Namespaces.WSMAN, "MaxElements", "w"), Integer.toString(max));
    }
    return b.build();
  }

  static java.util.List<XmlElement> items(XmlElement response) {
    return response.children().stream()
        .filter(e -> e.name().getLocalPart().equals("Items"))
        .findFirst()
        .map(XmlElement::children)
        .orElse(java.util.List.of());
  }
}
