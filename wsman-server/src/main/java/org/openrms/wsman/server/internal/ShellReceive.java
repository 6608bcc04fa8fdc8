package org.openrms.wsman.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openrms.wsman.Actions;
import org.openrms.wsman.CommandState;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.ShellStream;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.ResourceRequest;

/**
 * The shell's Receive: a long poll for a command's output. A command has at most one Receive in
 * progress (a second one is {@code w:QuotaLimit}, {@link ShellFaults#receivePending}), so the
 * SequenceId replay check, the take and the remembered response are one step; a waiting Receive
 * holds one of the account's waiting slots ({@link ShellRegistry#beginLongPoll}).
 */
final class ShellReceive {
  private static final EnvelopeWriter WRITER = new EnvelopeWriter();
  private static final int STREAM_OVERHEAD = 160;
  private static final int SAFETY = 256;

  private final ShellRegistry registry;
  private final Duration maxTimeout;

  ShellReceive(ShellRegistry registry, Duration maxTimeout) {
    this.registry = registry;
    this.maxTimeout = maxTimeout;
  }

  XmlElement receive(WinrsShell shell, ResourceRequest request) {
    XmlElement body =
        request
            .body()
            .filter(b -> b.name().equals(ShellXml.RECEIVE))
            .orElseThrow(() -> ShellFaults.schema("the body of a Receive must be rsp:Receive"));
    // pywinrm writes CommandId unqualified; winrm4j (JAXB) writes it in the shell namespace.
    String commandId =
        body.child(ShellXml.DESIRED_STREAM)
            .flatMap(d -> d.attribute("CommandId").or(() -> d.attribute(ShellXml.rsp("CommandId"))))
            .orElse(null);
    ShellCommand c = shell.command(commandId);
    Long seq = sequenceId(body);
    int budget = budget(request, c.id());
    long wait = waitNanos(request);
    c.beginReceive();
    try {
      return receive(c, seq, budget, wait, request.user());
    } finally {
      c.endReceive();
    }
  }

  private XmlElement receive(ShellCommand c, Long seq, int budget, long wait, String user) {
    if (seq != null) {
      XmlElement again = c.replay(seq);
      if (again != null) {
        return again;
      }
      if (seq <= c.sequenceId()) {
        throw FaultType.INVALID_PARAMETER.exception("SequenceId " + seq + " was already used");
      }
    }
    long deadline = System.nanoTime() + wait;
    ShellCommand.Chunk chunk;
    try {
      chunk = c.take(budget, ShellReceive::base64Length, System.nanoTime());
      if (chunk == null) {
        registry.beginLongPoll(user); // only a Receive that waits holds a slot
        try {
          chunk = c.take(budget, ShellReceive::base64Length, deadline);
        } finally {
          registry.endLongPoll(user);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FaultType.INTERNAL_ERROR.exception("the listener is stopping");
    }
    if (chunk == null) {
      throw FaultType.TIMED_OUT.exception(FaultType.TIMED_OUT.defaultReason());
    }
    XmlElement out = response(c.id(), chunk);
    if (seq != null) {
      c.remember(seq, out);
    }
    return out;
  }

  private static int base64Length(int n) {
    return 4 * ((n + 2) / 3);
  }

  private static Long sequenceId(XmlElement receive) {
    String v = receive.attribute("SequenceId").orElse(null);
    if (v == null) {
      return null;
    }
    try {
      long s = Long.parseLong(v.strip());
      if (s < 0) {
        throw new NumberFormatException();
      }
      return s;
    } catch (NumberFormatException e) {
      throw ShellFaults.schema("SequenceId is not an unsigned integer");
    }
  }

  private static XmlElement response(String commandId, ShellCommand.Chunk chunk) {
    List<ShellStream> streams = new ArrayList<>();
    if (chunk.stdout().length > 0) {
      streams.add(new ShellStream("stdout", commandId, chunk.stdout(), false));
    }
    if (chunk.stderr().length > 0) {
      streams.add(new ShellStream("stderr", commandId, chunk.stderr(), false));
    }
    if (chunk.done()) {
      streams.add(new ShellStream("stdout", commandId, new byte[0], true));
      streams.add(new ShellStream("stderr", commandId, new byte[0], true));
      return new ReceiveResponse(streams, commandId, CommandState.DONE, chunk.exitCode())
          .toElement();
    }
    return new ReceiveResponse(streams, commandId, CommandState.RUNNING, null).toElement();
  }

  /**
   * The base64 bytes that fit in the client's MaxEnvelopeSize: the limit minus the largest response
   * without data (measured by writing it), minus room for two stream elements.
   */
  private static int budget(ResourceRequest request, String commandId) {
    XmlElement skeleton =
        response(commandId, new ShellCommand.Chunk(new byte[0], new byte[0], true, -2147483648L));
    int empty =
        WRITER.toBytes(
                Envelope.responseTo(request.envelope(), Actions.RECEIVE_RESPONSE)
                    .body(skeleton)
                    .build())
            .length;
    int budget = request.maxEnvelopeSize() - empty - 2 * STREAM_OVERHEAD - SAFETY;
    if (budget < 4) {
      throw WsmanFaultException.of(
          FaultType.ENCODING_LIMIT
              .fault("The MaxEnvelopeSize leaves no room for output.")
              .withWsmanCode(WsmanErrorCode.MAX_ENVELOPE_SIZE_EXCEEDED.value())
              .withFaultDetail(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE_EXCEEDED));
    }
    return budget;
  }

  /**
   * How long a Receive waits for output: min(OperationTimeout, MaxTimeout), less a margin of a
   * tenth (at most one second), so the TimedOut fault arrives before the client gives up.
   */
  long waitNanos(ResourceRequest request) {
    Duration t = request.envelope().operationTimeout().orElse(maxTimeout);
    if (t.compareTo(maxTimeout) > 0) {
      t = maxTimeout;
    }
    Duration margin = t.dividedBy(10);
    if (margin.compareTo(Duration.ofSeconds(1)) > 0) {
      margin = Duration.ofSeconds(1);
    }
    return t.minus(margin).toNanos();
  }
}
