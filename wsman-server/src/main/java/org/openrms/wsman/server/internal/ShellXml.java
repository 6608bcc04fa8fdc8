package org.openrms.wsman.server.internal;

import java.time.Duration;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

/** The {@code rsp:Shell} representation, in Windows' element order. */
final class ShellXml {
  static final QName SHELL = rsp("Shell");
  static final QName RECEIVE = rsp("Receive");
  static final QName DESIRED_STREAM = rsp("DesiredStream");

  private ShellXml() {}

  static QName rsp(String local) {
    return new QName(Namespaces.SHELL, local, "rsp");
  }

  /**
   * {@code rsp:Shell} as Windows writes it in a Create response and in Get/Enumerate: ShellId,
   * ResourceUri, Owner, ClientIP, WorkingDirectory and Environment (when given), IdleTimeOut
   * ({@code PT7200.000S}), InputStreams, OutputStreams, ShellRunTime and ShellInactivity ({@code
   * P0DT0H0M0S}).
   */
  static XmlElement shell(WinrsShell s) {
    long now = System.nanoTime();
    XmlElement.Builder b =
        XmlElement.builder(SHELL)
            .child(rsp("ShellId"), s.id)
            .child(rsp("ResourceUri"), Namespaces.RESOURCE_CMD_SHELL)
            .child(rsp("Owner"), s.owner)
            .child(rsp("ClientIP"), s.clientIp);
    if (s.requestedWorkingDirectory != null) {
      b.child(rsp("WorkingDirectory"), s.requestedWorkingDirectory);
    }
    if (!s.environment.isEmpty()) {
      XmlElement.Builder env = XmlElement.builder(rsp("Environment"));
      s.environment.forEach(
          (k, v) ->
              env.child(XmlElement.builder(rsp("Variable")).attribute("Name", k).text(v).build()));
      b.child(env.build());
    }
    return b.child(rsp("IdleTimeOut"), millis(s.idleTimeout))
        .child(rsp("InputStreams"), s.inputStreams)
        .child(rsp("OutputStreams"), s.outputStreams)
        .child(rsp("ShellRunTime"), dayTime(Duration.ofNanos(now - s.createdNanos)))
        .child(rsp("ShellInactivity"), dayTime(Duration.ofNanos(now - s.lastUsedNanos())))
        .build();
  }

  /** {@code PT7200.000S}: seconds with exactly three decimals, as Windows writes IdleTimeOut. */
  static String millis(Duration d) {
    long ms = d.toMillis();
    return String.format(Locale.ROOT, "PT%d.%03dS", ms / 1000, ms % 1000);
  }

  /** {@code P0DT0H40M30S}, as Windows writes ShellRunTime and ShellInactivity. */
  static String dayTime(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return String.format(
        Locale.ROOT, "P%dDT%dH%dM%dS", s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
  }
}
