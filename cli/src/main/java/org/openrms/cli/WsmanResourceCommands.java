package org.openrms.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.client.EnumerationFlag;
import org.openrms.wsman.client.Enumerator;
import org.openrms.wsman.client.Session;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The WS-Management operations of {@code openrms wsman}: identify, get, put, create, delete,
 * enumerate and invoke, one subcommand each, printing the service's XML.
 */
final class WsmanResourceCommands {
  private WsmanResourceCommands() {}

  /** Base of the commands: the connection mixin and the session lifecycle. */
  abstract static class Op extends BaseCommand implements Callable<Integer> {
    @Mixin WsmanConnection connection;

    @Override
    public final Integer call() throws Exception {
      try (WsmanConnection.Opened opened = connection.open()) {
        run(opened.session());
      }
      out().flush();
      return ExitCodes.OK;
    }

    abstract void run(Session session) throws IOException;
  }

  /** An operation on one resource, with selectors and options. */
  abstract static class ResourceOp extends Op {
    @Parameters(index = "0", paramLabel = "RESOURCE_URI", description = "The resource URI.")
    String resourceUri;

    @ArgGroup(exclusive = false)
    WsmanConnection.Locator locator = new WsmanConnection.Locator();
  }

  /** Reads the XML of {@code --file} ({@code -} = standard input). */
  static String xml(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Command(
      name = "identify",
      mixinStandardHelpOptions = true,
      description = "Asks the service who it is (WS-Management Identify).")
  static final class Identify extends Op {
    @Option(
        names = "--unauthenticated",
        description = "Send WSMANIDENTIFY: unauthenticated, without credentials.")
    boolean unauthenticated;

    @Override
    void run(Session session) {
      IdentifyResponse r = unauthenticated ? session.identifyUnauthenticated() : session.identify();
      out().println("ProtocolVersion:  " + r.protocolVersion());
      out().println("ProductVendor:    " + r.productVendor());
      out().println("ProductVersion:   " + r.productVersion());
      r.securityProfiles().forEach(p -> out().println("SecurityProfile:  " + p));
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Prints a resource (WS-Transfer Get).")
  static final class Get extends ResourceOp {
    @Override
    void run(Session session) {
      out().println(session.get(locator.build(resourceUri)));
    }
  }

  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description = "Replaces a resource with the XML of --file and prints the result.")
  static final class Put extends ResourceOp {
    @Option(names = "--file", required = true, description = "XML body; - reads standard input.")
    Path file;

    @Override
    void run(Session session) throws IOException {
      String result = session.put(locator.build(resourceUri), xml(file));
      if (result != null && !result.isEmpty()) {
        out().println(result);
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a resource from the XML of --file and prints its reference.")
  static final class Create extends ResourceOp {
    @Option(names = "--file", required = true, description = "XML body; - reads standard input.")
    Path file;

    @Override
    void run(Session session) throws IOException {
      out().println(session.create(locator.build(resourceUri), xml(file)));
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a resource (WS-Transfer Delete).")
  static final class Delete extends ResourceOp {
    @Override
    void run(Session session) {
      session.delete(locator.build(resourceUri));
      out().println("Deleted");
    }
  }

  @Command(
      name = "enumerate",
      mixinStandardHelpOptions = true,
      description = "Prints every item of a resource, one per line (Enumerate/Pull/Release).")
  static final class Enumerate extends ResourceOp {
    @Option(names = "--filter", description = "Filter text (e.g. a WQL query).")
    String filter;

    @Option(names = "--dialect", description = "Filter dialect URI.")
    String dialect;

    @Option(names = "--epr", description = "Return endpoint references instead of objects.")
    boolean epr;

    @Option(names = "--batch", description = "Items per Pull (Session.BatchItems).")
    Integer batch;

    @Override
    void run(Session session) {
      if (batch != null) {
        session.setBatchItems(batch);
      }
      Set<EnumerationFlag> flags =
          epr ? EnumSet.of(EnumerationFlag.RETURN_EPR) : EnumSet.noneOf(EnumerationFlag.class);
      int count = 0;
      try (Enumerator items =
          session.enumerate(locator.build(resourceUri), filter, dialect, flags)) {
        while (!items.atEndOfStream()) {
          out().println(items.readItem());
          count++;
        }
      }
      err().println(count + " item(s)");
    }
  }

  @Command(
      name = "invoke",
      mixinStandardHelpOptions = true,
      description = "Invokes a custom action on a resource and prints the answer.")
  static final class Invoke extends Op {
    @Parameters(index = "0", paramLabel = "ACTION", description = "The action URI.")
    String action;

    @Parameters(index = "1", paramLabel = "RESOURCE_URI", description = "The resource URI.")
    String resourceUri;

    @ArgGroup(exclusive = false)
    WsmanConnection.Locator locator = new WsmanConnection.Locator();

    @Option(names = "--file", description = "XML parameters; - reads standard input.")
    Path file;

    @Override
    void run(Session session) throws IOException {
      String params = file == null ? null : xml(file);
      String result = session.invoke(action, locator.build(resourceUri), params);
      if (result != null) {
        out().println(result);
      }
    }
  }
}
