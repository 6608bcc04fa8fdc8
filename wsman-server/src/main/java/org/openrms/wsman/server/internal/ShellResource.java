package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openrms.wsman.Actions;
import org.openrms.wsman.CommandLine;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ResourceCreated;
import org.openrms.wsman.Send;
import org.openrms.wsman.ShellCreate;
import org.openrms.wsman.ShellStream;
import org.openrms.wsman.Shells;
import org.openrms.wsman.Signal;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.ItemEnumerations;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;
import org.openrms.wsman.server.ShellSettings;

/**
 * The WinRS cmd shell ({@link Namespaces#RESOURCE_CMD_SHELL}): Create, Get, Delete,
 * Enumerate/Pull/Release of the caller's shells, and Command, Receive, Send, Signal. Commands run
 * as the listener's OS user through {@code /bin/sh -c}; see {@link ProcessTrees}.
 */
public final class ShellResource implements Resource {

  private final ShellRegistry registry;
  private final Duration maxTimeout;
  private final Supplier<String> address;
  private final ItemEnumerations enumerations = new ItemEnumerations();
  private final ShellReceive receiver;

  /**
   * The resource over {@code registry}; a Receive waits at most {@code maxTimeout}; {@code address}
   * is the listener URL written in Create responses when the request's own endpoint is unknown.
   */
  public ShellResource(ShellRegistry registry, Duration maxTimeout, Supplier<String> address) {
    this.registry = registry;
    this.maxTimeout = maxTimeout;
    this.address = address;
    this.receiver = new ShellReceive(registry, maxTimeout);
  }

  @Override
  public String resourceUri() {
    return Namespaces.RESOURCE_CMD_SHELL;
  }

  private ShellSettings settings() {
    return registry.settings();
  }

  @Override
  public XmlElement create(ResourceRequest request) {
    return created(request, open(request));
  }

  /** Windows' Create response: {@code x:ResourceCreated} and the created {@code rsp:Shell}. */
  @Override
  public List<XmlElement> createResponseBody(ResourceRequest request) {
    WinrsShell shell = open(request);
    return List.of(created(request, shell), ShellXml.shell(shell));
  }

  /** {@code x:ResourceCreated} addressed as the request reached the listener. */
  private XmlElement created(ResourceRequest request, WinrsShell shell) {
    String at = request.endpoint().isEmpty() ? address.get() : request.endpoint();
    return new ResourceCreated(
            at, Namespaces.RESOURCE_CMD_SHELL, Map.of(Shells.SELECTOR_SHELL_ID, shell.id))
        .toElement();
  }

  private WinrsShell open(ResourceRequest request) {
    XmlElement body =
        request
            .body()
            .filter(b -> b.name().equals(ShellXml.SHELL))
            .orElseThrow(() -> ShellFaults.schema("the body of a shell Create must be rsp:Shell"));
    ShellCreate spec = ShellCreate.from(body);
    Duration idle = spec.idleTimeout() == null ? settings().idleTimeout() : spec.idleTimeout();
    if (idle.isZero()) {
      throw ShellFaults.schema("rsp:IdleTimeOut must be positive");
    }
    if (idle.compareTo(settings().idleTimeout()) > 0) {
      idle = settings().idleTimeout();
    }
    for (String name : spec.environment().keySet()) {
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw ShellFaults.schema("an rsp:Variable needs a Name without '='");
      }
    }
    String requested =
        spec.workingDirectory() == null || spec.workingDirectory().isBlank()
            ? null
            : spec.workingDirectory().strip();
    Path dir = Path.of(System.getProperty("user.home"));
    if (requested != null) {
      try {
        dir = Path.of(requested);
      } catch (RuntimeException e) {
        throw FaultType.INVALID_PARAMETER.exception("rsp:WorkingDirectory is not a path");
      }
      if (!dir.isAbsolute() || !Files.isDirectory(dir)) {
        throw FaultType.INVALID_PARAMETER.exception(
            "rsp:WorkingDirectory is not an existing absolute directory");
      }
    }
    WinrsShell shell =
        new WinrsShell(
            request.user(),
            clientIp(request.remoteAddress()),
            dir,
            requested,
            spec.environment(),
            idle,
            spec.inputStreams().isEmpty() ? "stdin" : spec.inputStreams(),
            spec.outputStreams().isEmpty() ? "stdout stderr" : spec.outputStreams());
    registry.add(shell);
    return shell;
  }

  private static String clientIp(String remote) {
    int colon = remote.lastIndexOf(':');
    String ip = colon > 0 ? remote.substring(0, colon) : remote;
    return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
  }

  private WinrsShell shell(ResourceRequest request) {
    return registry.get(request.selectors().get(Shells.SELECTOR_SHELL_ID), request.user());
  }

  @Override
  public XmlElement get(ResourceRequest request) {
    return ShellXml.shell(shell(request));
  }

  @Override
  public XmlElement delete(ResourceRequest request) {
    registry.remove(shell(request));
    return null;
  }

  @Override
  public XmlElement enumerate(ResourceRequest request) {
    List<XmlElement> items = new ArrayList<>();
    for (WinrsShell s : registry.of(request.user())) {
      items.add(ShellXml.shell(s));
    }
    return enumerations.enumerate(request, items);
  }

  @Override
  public XmlElement pull(ResourceRequest request) {
    return enumerations.pull(request);
  }

  @Override
  public XmlElement release(ResourceRequest request) {
    enumerations.release(request);
    return null;
  }

  @Override
  public XmlElement invoke(String action, ResourceRequest request) {
    WinrsShell shell;
    switch (action) {
      case Actions.COMMAND, Actions.RECEIVE, Actions.SEND, Actions.SIGNAL -> shell = shell(request);
      default -> throw Resource.unsupported(request);
    }
    shell.enter();
    try {
      return switch (action) {
        case Actions.COMMAND -> command(shell, request);
        case Actions.RECEIVE -> receiver.receive(shell, request);
        case Actions.SEND -> send(shell, request);
        default -> signal(shell, request);
      };
    } finally {
      shell.leave();
    }
  }

  private XmlElement command(WinrsShell shell, ResourceRequest request) {
    CommandLine line =
        CommandLine.from(
            request.body().orElseThrow(() -> ShellFaults.schema("rsp:CommandLine is missing")));
    String joined = line.joined();
    if (joined.isBlank() || joined.indexOf('\0') >= 0) {
      throw ShellFaults.schema("rsp:Command is empty");
    }
    ShellSettings s = settings();
    ShellCommand c;
    try {
      c =
          shell.start(
              joined,
              s.maxCommandsPerShell(),
              s.maxProcessesPerShell(),
              s.maxBufferedOutput(),
              registry.pumps());
    } catch (IOException e) {
      throw FaultType.INTERNAL_ERROR.exception("the command could not be started");
    }
    registry.track(c);
    return Shells.commandResponse(c.id());
  }

  /**
   * Send: the bytes go to the command's stdin queue ({@link StdinQueue}). When the queue is full
   * the Send waits for room like a Receive waits for output (and takes one of the account's waiting
   * slots); still full at the OperationTimeout, it is refused with {@code w:TimedOut} and nothing
   * of it is queued.
   */
  private XmlElement send(WinrsShell shell, ResourceRequest request) {
    Send send =
        Send.from(request.body().orElseThrow(() -> ShellFaults.schema("rsp:Send is missing")));
    for (ShellStream st : send.streams()) {
      if (!st.name().equals("stdin")) {
        throw FaultType.INVALID_PARAMETER.exception("only stdin can be sent");
      }
    }
    for (ShellStream st : send.streams()) {
      ShellCommand c = shell.command(st.commandId());
      try {
        if (c.send(st.data(), st.end(), System.nanoTime())) {
          continue;
        }
        registry.beginLongPoll(request.user());
        try {
          if (!c.send(st.data(), st.end(), System.nanoTime() + receiver.waitNanos(request))) {
            throw FaultType.TIMED_OUT.exception(
                "The command did not read its input within the time specified in"
                    + " OperationTimeout; the input was not accepted.");
          }
        } finally {
          registry.endLongPoll(request.user());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw FaultType.INTERNAL_ERROR.exception("the listener is stopping");
      }
    }
    return Shells.sendResponse();
  }

  private XmlElement signal(WinrsShell shell, ResourceRequest request) {
    Signal sig =
        Signal.from(request.body().orElseThrow(() -> ShellFaults.schema("rsp:Signal is missing")));
    ShellCommand c = shell.command(sig.commandId());
    if (sig.code() == SignalCode.TERMINATE) {
      c.terminate();
    } else {
      c.interrupt();
    }
    return Shells.signalResponse();
  }

  /** Open enumeration contexts (for tests and operators). */
  public int openEnumerations() {
    return enumerations.open();
  }
}
