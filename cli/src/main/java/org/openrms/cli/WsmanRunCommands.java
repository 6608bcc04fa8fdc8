package org.openrms.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.wsman.client.OutputListener;
import org.openrms.wsman.client.RemoteCommand;
import org.openrms.wsman.client.RemoteShell;
import org.openrms.wsman.client.ShellOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openrms wsman run} and {@code openrms wsman shell}: commands in a remote WinRS shell. */
final class WsmanRunCommands {
  private WsmanRunCommands() {}

  /** The shell options both commands take. */
  static final class ShellArgs {
    @Option(names = "--workdir", description = "Working directory of the remote shell.")
    String workdir;

    @Option(
        names = {"-e", "--env"},
        description = "Environment variable NAME=VALUE of the remote shell (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--idle-timeout", description = "Shell idle timeout in seconds.")
    Integer idleSeconds;

    ShellOptions build() {
      ShellOptions.Builder b = ShellOptions.builder();
      if (workdir != null) {
        b.workingDirectory(workdir);
      }
      env.forEach(b::environment);
      if (idleSeconds != null) {
        b.idleTimeout(Duration.ofSeconds(idleSeconds));
      }
      return b.build();
    }
  }

  /** Writes output chunks to the terminal's writers as they arrive, UTF-8 split-safe. */
  static final class Printer implements OutputListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final CharsetDecoder outDecoder = decoder();
    private final CharsetDecoder errDecoder = decoder();
    private final ByteBuffer outCarry = ByteBuffer.allocate(8);
    private final ByteBuffer errCarry = ByteBuffer.allocate(8);

    Printer(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    private static CharsetDecoder decoder() {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public synchronized void output(String stream, byte[] data) {
      boolean isErr = "stderr".equals(stream);
      write(isErr ? err : out, isErr ? errDecoder : outDecoder, isErr ? errCarry : outCarry, data);
    }

    private static void write(PrintWriter w, CharsetDecoder d, ByteBuffer carry, byte[] data) {
      ByteBuffer in = ByteBuffer.allocate(carry.position() + data.length);
      carry.flip();
      in.put(carry).put(data).flip();
      carry.clear();
      CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
      d.decode(in, chars, false);
      carry.put(in); // an incomplete sequence (at most 3 bytes) waits for the next chunk
      chars.flip();
      w.append(chars);
      w.flush();
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a command in a remote shell, streaming its output live, and exits with the",
        "remote exit code. On a Linux OpenRMS listener the command runs through /bin/sh -c."
      })
  static final class Run extends BaseCommand implements Callable<Integer> {
    @Mixin WsmanConnection connection;

    @Mixin ShellArgs shellArgs;

    @Option(names = "--stdin", description = "Send this program's standard input to the command.")
    boolean stdin;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "The command.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Its arguments.")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
      try (WsmanConnection.Opened opened = connection.open();
          RemoteShell shell = opened.session().openShell(shellArgs.build())) {
        Printer printer = new Printer(out(), err());
        RemoteCommand cmd = shell.run(printer, command, args.toArray(String[]::new));
        // Ctrl-C: end the remote command and delete the shell, so nothing is left behind.
        Thread stop =
            new Thread(
                () -> {
                  cmd.terminate();
                  shell.close();
                },
                "openrms-wsman-terminate");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
          if (stdin) {
            forward(System.in, cmd.stdin());
          } else {
            endInput(cmd); // a command that reads stdin sees end of input, as with </dev/null
          }
          int code = cmd.waitFor();
          return code & 0xff;
        } finally {
          removeHook(stop);
        }
      }
    }
  }

  static void forward(InputStream from, OutputStream to) throws IOException {
    try (to) {
      from.transferTo(to);
    }
  }

  /** Closes the command's stdin (sends End); a command that already ended needs none. */
  static void endInput(RemoteCommand cmd) {
    try {
      cmd.stdin().close();
    } catch (IOException | RuntimeException e) {
      // the command may have finished already
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs
    }
  }

  @Command(
      name = "shell",
      mixinStandardHelpOptions = true,
      description = {
        "Opens one remote shell and runs each line of standard input in it, printing the",
        "output as it arrives; 'exit' or end of input closes the shell."
      })
  static final class Shell extends BaseCommand implements Callable<Integer> {
    @Mixin WsmanConnection connection;

    @Mixin ShellArgs shellArgs;

    @Override
    public Integer call() throws Exception {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int last = 0;
      try (WsmanConnection.Opened opened = connection.open();
          RemoteShell shell = opened.session().openShell(shellArgs.build())) {
        boolean tty = System.console() != null;
        if (tty) {
          err().println("Remote shell " + shell.id() + " on " + opened.session().plan());
        }
        Printer printer = new Printer(out(), err());
        for (String line; prompt(tty) && (line = in.readLine()) != null; ) {
          String trimmed = line.strip();
          if (trimmed.isEmpty()) {
            continue;
          }
          if (trimmed.equals("exit")) {
            break;
          }
          RemoteCommand cmd = shell.run(printer, trimmed);
          endInput(cmd);
          last = cmd.waitFor();
          if (last != 0 && tty) {
            err().println("[exit " + last + "]");
          }
        }
      }
      return last == 0 ? ExitCodes.OK : last & 0xff;
    }

    private boolean prompt(boolean tty) {
      if (tty) {
        err().print("wsman> ");
        err().flush();
      }
      return true;
    }
  }
}
