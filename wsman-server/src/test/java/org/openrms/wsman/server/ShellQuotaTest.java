package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ShellCreate;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/** Quotas, the idle reaper, enumeration of shells, and shutdown. */
class ShellQuotaTest {
  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener =
        TestListeners.start(
            b ->
                b.shell(
                    ShellSettings.DEFAULTS
                        .withMaxShellsPerUser(3)
                        .withMaxCommandsPerShell(2)
                        .withMaxProcessesPerShell(4)));
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

  @Test
  void theDefaultsAreWindows() {
    ShellSettings d = ShellSettings.DEFAULTS;
    assertThat(d.enabled()).isTrue();
    assertThat(d.maxShellsPerUser()).isEqualTo(30);
    assertThat(d.maxProcessesPerShell()).isEqualTo(25);
    assertThat(d.maxCommandsPerShell()).isEqualTo(1500);
    assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(7200));
    assertThat(WsmanListenerConfig.builder().build().maxTimeout())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aFourthShellIsAQuotaFaultWithTheMaxShellsCode() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(c.create());
      }
      WsmanFault f = c.fault(c.createRequest(ShellCreate.standard()));
      assertThat(f.type()).isEqualTo(FaultType.QUOTA_LIMIT);
      assertThat(f.wsmanCode()).isEqualTo(2150859173L);
      assertThat(f.message()).contains("maximum number of concurrent shells");
      c.delete(ids.remove(0));
      ids.add(c.create());
      for (String id : ids) {
        c.delete(id);
      }
    }
  }

  @Test
  void aThirdRunningCommandIsAQuotaFaultWithTheMaxOperationsCode() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      c.command(shell, "sleep 30");
      String second = c.command(shell, "sleep 31");
      WsmanFault f = c.fault(c.commandRequest(shell, "sleep 32"));
      assertThat(f.type()).isEqualTo(FaultType.QUOTA_LIMIT);
      assertThat(f.wsmanCode()).isEqualTo(2150859174L);
      // A terminated command no longer counts.
      c.signal(shell, second, org.openrms.wsman.SignalCode.TERMINATE);
      String third = c.command(shell, "echo ok");
      assertThat(c.receiveAll(shell, third).out()).isEqualTo("ok\n");
      c.delete(shell);
    }
  }

  @Test
  void aShellAtItsProcessQuotaRefusesCommands() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      c.command(shell, "sleep 30 & sleep 31 & sleep 32 & sleep 33 & wait");
      Thread.sleep(300);
      WsmanFault f = c.fault(c.commandRequest(shell, "echo no"));
      assertThat(f.type()).isEqualTo(FaultType.QUOTA_LIMIT);
      assertThat(f.wsmanCode()).isEqualTo(2150858815L);
      c.delete(shell);
    }
  }

  @Test
  void anIdleShellIsClosedAndItsProcessesKilled() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell =
          c.create(
              new ShellCreate(
                  "stdin", "stdout stderr", null, java.util.Map.of(), Duration.ofSeconds(1)));
      c.command(shell, "sleep 30");
      assertThat(listener.openShells()).isEqualTo(1);
      for (int i = 0; i < 100 && listener.openShells() > 0; i++) {
        Thread.sleep(50);
      }
      assertThat(listener.openShells()).isZero();
      assertThat(listener.liveProcesses()).isZero();
      assertThat(c.fault(c.commandRequest(shell, "echo")).wsmanCode()).isEqualTo(2150858843L);
    }
  }

  @Test
  void enumerateListsTheCallersShellsOptimizedOrByPull() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String a = c.create();
      String b = c.create();
      Envelope opt =
          c.ok(c.request(Actions.ENUMERATE, null).body(ShellFaultTest.enumerate(true, 10)).build());
      assertThat(opt.action()).contains(Actions.ENUMERATE_RESPONSE);
      XmlElement body = opt.bodyElement().orElseThrow();
      assertThat(ShellFaultTest.items(body))
          .extracting(e -> e.childText(new QName(Namespaces.SHELL, "ShellId")).orElseThrow())
          .containsExactly(a, b);
      assertThat(body.child(new QName(Namespaces.WSMAN, "EndOfSequence"))).isPresent();

      Envelope plain =
          c.ok(c.request(Actions.ENUMERATE, null).body(ShellFaultTest.enumerate(false, 0)).build());
      String context =
          plain
              .bodyElement()
              .orElseThrow()
              .childText(new QName(Namespaces.ENUMERATION, "EnumerationContext"))
              .orElseThrow();
      Envelope first = c.ok(c.request(Actions.PULL, null).body(pull(context)).build());
      assertThat(ShellFaultTest.items(first.bodyElement().orElseThrow())).hasSize(1);
      String next =
          first
              .bodyElement()
              .orElseThrow()
              .childText(new QName(Namespaces.ENUMERATION, "EnumerationContext"))
              .orElseThrow();
      Envelope second = c.ok(c.request(Actions.PULL, null).body(pull(next)).build());
      XmlElement last = second.bodyElement().orElseThrow();
      assertThat(ShellFaultTest.items(last)).hasSize(1);
      assertThat(last.child(new QName(Namespaces.ENUMERATION, "EndOfSequence"))).isPresent();
      // The finished context is gone; Release of it is a fault, Release of a live one is fine.
      WsmanFault gone = c.fault(c.request(Actions.PULL, null).body(pull(next)).build());
      assertThat(gone.type()).isEqualTo(FaultType.INVALID_ENUMERATION_CONTEXT);
      Envelope again =
          c.ok(c.request(Actions.ENUMERATE, null).body(ShellFaultTest.enumerate(false, 0)).build());
      String ctx =
          again
              .bodyElement()
              .orElseThrow()
              .childText(new QName(Namespaces.ENUMERATION, "EnumerationContext"))
              .orElseThrow();
      XmlElement release =
          XmlElement.builder(new QName(Namespaces.ENUMERATION, "Release", "n"))
              .child(new QName(Namespaces.ENUMERATION, "EnumerationContext", "n"), ctx)
              .build();
      assertThat(c.ok(c.request(Actions.RELEASE, null).body(release).build()).body().children())
          .isEmpty();
      c.delete(a);
      c.delete(b);
    }
  }

  private static XmlElement pull(String context) {
    return XmlElement.builder(new QName(Namespaces.ENUMERATION, "Pull", "n"))
        .child(new QName(Namespaces.ENUMERATION, "EnumerationContext", "n"), context)
        .build();
  }

  @Test
  void closingTheListenerKillsEveryShell() throws Exception {
    WsmanListener own = TestListeners.start(b -> {});
    try (ShellClient c = new ShellClient(own)) {
      String shell = c.create();
      c.command(shell, "sleep 60 & sleep 61");
      Thread.sleep(200);
      assertThat(own.liveProcesses()).isGreaterThanOrEqualTo(2);
    }
    own.close();
    assertThat(own.openShells()).isZero();
    assertThat(ShellClient.children()).isEmpty();
  }
}
