package org.openrms.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openrms.wsman.client.CommandResult;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.RemoteCommand;
import org.openrms.wsman.client.RemoteShell;
import org.openrms.wsman.client.Session;
import org.openrms.wsman.client.SessionFlag;
import org.openrms.wsman.client.WSMan;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * Load driver for WS-Management: starts one {@link WsmanListener} on 127.0.0.1 (plain HTTP,
 * allowUnencrypted, one Basic account) and drives it, one client at a time and one operation at a
 * time, with our {@code wsman-client}, pywinrm 0.3.0 ({@code /usr/bin/python3}, script {@code
 * pywinrm_bench.py}) and winrm4j 0.12.3 (a child JVM, {@link Winrm4jBenchPeer}). Every measurement
 * has a warm-up phase and a timed phase; the table on stdout gives ops/s and p50/p99 latency, or
 * MiB/s for the output throughput test. Progress goes to stderr. Run {@code --help} for the
 * options.
 *
 * <p>Bounded by construction: loopback only, fixed phase lengths, and it stops itself. A peer that
 * is not installed is reported as such and the run goes on.
 */
public final class WsmanLoadDriver {
  static final String USER = "bench";
  static final List<String> TESTS = List.of("identify", "echo", "echo-newshell", "throughput");
  static final List<String> CLIENTS = List.of("openrms", "pywinrm", "winrm4j");

  static final String USAGE =
      """
      Usage: java -cp <benchmarks jar>:<benchmarks/target/lib/*> \\
                 org.openrms.benchmarks.WsmanLoadDriver [options]

      Starts one WS-Management listener on 127.0.0.1 (HTTP, Basic, allowUnencrypted) and measures,
      one client and one operation at a time, each with a warm-up then a timed phase:
        identify       Identify round trips on one reused connection
        echo           'echo hi' round trips on one reused shell
        echo-newshell  'echo hi' with a new shell per operation (Create ... Delete)
        throughput     receive rate of a command printing --bytes 'x' characters
      with the clients openrms (our wsman-client, in this JVM), pywinrm (child python process)
      and winrm4j (child JVM). Results: a Markdown table on stdout; progress on stderr.

      Options:
        --warmup SECONDS      warm-up phase of each loop (default 3)
        --seconds SECONDS     timed phase of each loop (default 10)
        --bytes N             output size of the throughput test (default 104857600 = 100 MiB);
                              one warm-up run of N/10 precedes the timed runs
        --runs N              timed throughput runs per client (default 2)
        --tests LIST          comma-separated subset of: identify,echo,echo-newshell,throughput
        --clients LIST        comma-separated subset of: openrms,pywinrm,winrm4j
        --python PATH         the Python that imports pywinrm (default /usr/bin/python3)
        --winrm4j-lib DIR     winrm4j and its dependencies (default: winrm4j-lib next to the
                              benchmarks jar, i.e. benchmarks/target/winrm4j-lib, made by
                              'mvn package -pl benchmarks')
        -h, --help            this text
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DROPPED_ENV =
      List.of(
          "http_proxy",
          "https_proxy",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "all_proxy",
          "ALL_PROXY",
          "REQUESTS_CA_BUNDLE",
          "CURL_CA_BUNDLE",
          "PYTHONPATH",
          "PYTHONHOME",
          "JAVA_TOOL_OPTIONS");

  private WsmanLoadDriver() {}

  /**
   * The command line.
   *
   * @param winrm4jLib null for the default next to this module's classes
   */
  record Options(
      double warmupSeconds,
      double seconds,
      long bytes,
      int runs,
      Set<String> tests,
      Set<String> clients,
      Path python,
      Path winrm4jLib,
      boolean help) {

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static Options parse(String... args) {
      double warmup = 3;
      double seconds = 10;
      long bytes = 100L << 20;
      int runs = 2;
      Set<String> tests = new LinkedHashSet<>(TESTS);
      Set<String> clients = new LinkedHashSet<>(CLIENTS);
      Path python = Path.of("/usr/bin/python3");
      Path winrm4jLib = null;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-h", "--help" -> help = true;
          case "--warmup" -> warmup = nonNegative(a, value(args, ++i, a));
          case "--seconds" -> seconds = positive(a, value(args, ++i, a));
          case "--bytes" -> bytes = (long) positive(a, value(args, ++i, a));
          case "--runs" -> runs = (int) positive(a, value(args, ++i, a));
          case "--tests" -> tests = subset(a, value(args, ++i, a), TESTS);
          case "--clients" -> clients = subset(a, value(args, ++i, a), CLIENTS);
          case "--python" -> python = Path.of(value(args, ++i, a));
          case "--winrm4j-lib" -> winrm4jLib = Path.of(value(args, ++i, a));
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      return new Options(warmup, seconds, bytes, runs, tests, clients, python, winrm4jLib, help);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static double number(String option, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": not a number: " + value);
      }
    }

    private static double nonNegative(String option, String value) {
      double d = number(option, value);
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(option + " must be 0 or more: " + value);
      }
      return d;
    }

    private static double positive(String option, String value) {
      double d = number(option, value);
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(option + " must be more than 0: " + value);
      }
      return d;
    }

    private static Set<String> subset(String option, String value, List<String> known) {
      Set<String> s = new LinkedHashSet<>();
      for (String part : value.split(",")) {
        String p = part.strip().toLowerCase(Locale.ROOT);
        if (!known.contains(p)) {
          throw new IllegalArgumentException(option + ": unknown '" + part + "'; one of " + known);
        }
        s.add(p);
      }
      // Keep the canonical order whatever order was given.
      Set<String> ordered = new LinkedHashSet<>(known);
      ordered.retainAll(s);
      return ordered;
    }
  }

  /** One line of the result table. */
  record Row(
      String test,
      String client,
      String ops,
      String rate,
      String p50,
      String p99,
      String serverCpu,
      String notes) {
    static Row missing(String test, String client, String why) {
      return new Row(test, client, "—", "—", "—", "—", "—", why);
    }
  }

  /** Runs the driver; see {@link #USAGE}. */
  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("WsmanLoadDriver: " + e.getMessage());
      System.err.println();
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (o.help()) {
      System.out.print(USAGE);
      return;
    }
    new Run(o).execute();
  }

  /** One run of the driver: the listener, the peers and the rows. */
  private static final class Run {
    private final Options o;
    private final char[] password = randomPassword();
    private final List<Row> rows = new ArrayList<>();
    private final Path work;
    private WsmanListener listener;
    private String endpoint;
    private String pywinrmMissing;
    private String winrm4jMissing;
    private Path pyScript;
    private String winrm4jClasspath;

    Run(Options o) throws IOException {
      this.o = o;
      this.work = Files.createTempDirectory("openrms-wsman-load-");
    }

    void execute() throws Exception {
      progress(
          "cores=%d java=%s warmup=%.1fs timed=%.1fs bytes=%d runs=%d",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          o.warmupSeconds(),
          o.seconds(),
          o.bytes(),
          o.runs());
      findPeers();
      LocalAccounts accounts = LocalAccounts.empty().withAccount(USER, password.clone());
      listener =
          WsmanListener.start(
              WsmanListenerConfig.builder()
                  .bindAddress("127.0.0.1")
                  .accounts(accounts)
                  .allowUnencrypted(true)
                  .build());
      long derivationsBefore;
      try {
        endpoint = listener.httpUri().toString();
        progress("listener at %s", endpoint);
        WSMan wsman = WSMan.builder().build();
        ConnectionOptions credentials =
            ConnectionOptions.builder().userName(USER).password(password.clone()).build();
        derivationsBefore = listener.passwordDerivations();
        try (Session session =
            wsman.createSession(
                endpoint,
                EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.NO_ENCRYPTION),
                credentials)) {
          for (String test : o.tests()) {
            for (String client : o.clients()) {
              rows.add(measure(test, client, session));
            }
          }
        }
        waitForCleanListener();
        printTable(derivationsBefore);
      } finally {
        listener.close();
        deleteTree(work);
      }
    }

    private Row measure(String test, String client, Session session) {
      progress("%s / %s ...", test, client);
      try {
        Row r =
            switch (client) {
              case "openrms" -> ours(test, session);
              case "pywinrm" ->
                  pywinrmMissing != null
                      ? Row.missing(test, client, pywinrmMissing)
                      : peer(test, client, pythonCommand(test));
              case "winrm4j" ->
                  winrm4jMissing != null
                      ? Row.missing(test, client, winrm4jMissing)
                      : test.equals("identify")
                          ? Row.missing(
                              test,
                              client,
                              "not measured: winrm4j 0.12.3 has no Identify (its WinRm port offers"
                                  + " Create, Command, Receive, Signal, Delete only)")
                          : peer(test, client, winrm4jCommand(test));
              default -> throw new IllegalArgumentException(client);
            };
        progress(
            "%s / %s: %s %s p50 %s p99 %s %s", test, client, r.ops, r.rate, r.p50, r.p99, r.notes);
        return r;
      } catch (Exception e) {
        progress("%s / %s FAILED: %s", test, client, e);
        return Row.missing(test, client, "FAILED: " + oneLine(e.toString()));
      }
    }

    // ---- our client, in this JVM ----

    private Row ours(String test, Session session) throws Exception {
      switch (test) {
        case "identify":
          return loopRow(test, "openrms", () -> session.identify(), "Session.identify()");
        case "echo":
          try (RemoteShell shell = session.openShell()) {
            return loopRow(
                test,
                "openrms",
                () -> checkEcho(shell.execute("echo", "hi")),
                "one RemoteShell, execute(\"echo\",\"hi\")");
          }
        case "echo-newshell":
          return loopRow(
              test,
              "openrms",
              () -> {
                try (RemoteShell shell = session.openShell()) {
                  checkEcho(shell.execute("echo", "hi"));
                }
              },
              "openShell + execute + close");
        case "throughput":
          try (RemoteShell shell = session.openShell()) {
            long cpu0 = cpuNanos();
            oursThroughput(shell, Math.max(1, o.bytes() / 10));
            List<double[]> runs = new ArrayList<>();
            for (int i = 0; i < o.runs(); i++) {
              runs.add(oursThroughput(shell, o.bytes()));
            }
            return throughputRow(
                test,
                "openrms",
                runs,
                cpuNanos() - cpu0,
                true,
                "RemoteCommand.stdout() streamed, byte count and SHA-256 checked");
          }
        default:
          throw new IllegalArgumentException(test);
      }
    }

    private Row loopRow(String test, String client, LatencyLoop.Op op, String notes)
        throws Exception {
      long cpu0 = cpuNanos();
      LatencyLoop.Result r = LatencyLoop.run(op, o.warmupSeconds(), o.seconds());
      long cpu = cpuNanos() - cpu0;
      return new Row(
          test,
          client,
          Long.toString(r.ops()),
          String.format(Locale.ROOT, "%.0f ops/s", r.opsPerSecond()),
          ms(r.p50Ms()),
          ms(r.p99Ms()),
          cpuPerOp(cpu, r.warmupOps() + r.ops()) + " (incl. client)",
          notes);
    }

    private static void checkEcho(CommandResult r) {
      String out = r.stdoutText(StandardCharsets.UTF_8);
      if (r.exitCode() != 0 || !out.equals("hi\n")) {
        throw new IllegalStateException("echo gave " + r);
      }
    }

    /** {bytes, seconds} of one run; fails unless the count and SHA-256 are right. */
    private static double[] oursThroughput(RemoteShell shell, long size) throws Exception {
      long t0 = System.nanoTime();
      MessageDigest got = MessageDigest.getInstance("SHA-256");
      long total = 0;
      int code;
      try (RemoteCommand c = shell.run(command(size))) {
        c.stderr().close();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = c.stdout()) {
          for (int n; (n = in.read(buf)) > 0; ) {
            got.update(buf, 0, n);
            total += n;
          }
        }
        code = c.waitFor();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (code != 0 || total != size) {
        throw new IllegalStateException("received " + total + " of " + size + ", exit " + code);
      }
      if (!Arrays.equals(got.digest(), Winrm4jBenchPeer.xDigest(size))) {
        throw new IllegalStateException("SHA-256 of the output is wrong");
      }
      return new double[] {total, seconds};
    }

    // ---- peers, as child processes ----

    private void findPeers() throws IOException {
      if (o.clients().contains("pywinrm")) {
        pywinrmMissing = checkPython();
        if (pywinrmMissing == null) {
          pyScript = work.resolve("pywinrm_bench.py");
          try (InputStream in = WsmanLoadDriver.class.getResourceAsStream("pywinrm_bench.py")) {
            Files.copy(in, pyScript);
          }
        }
        progress("pywinrm: %s", pywinrmMissing == null ? o.python() : pywinrmMissing);
      }
      if (o.clients().contains("winrm4j")) {
        Path lib = o.winrm4jLib() != null ? o.winrm4jLib() : defaultWinrm4jLib();
        boolean present;
        try (Stream<Path> s = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
          present = s.anyMatch(p -> p.getFileName().toString().matches("winrm4j-client-.*\\.jar"));
        }
        if (present) {
          winrm4jClasspath = ownCodeSource() + java.io.File.pathSeparator + lib.resolve("*");
        } else {
          winrm4jMissing =
              "not installed (no winrm4j jars in "
                  + lib
                  + "; run: mvn package -pl benchmarks, or give --winrm4j-lib)";
        }
        progress("winrm4j: %s", winrm4jMissing == null ? lib : winrm4jMissing);
      }
    }

    private String checkPython() {
      if (!Files.isExecutable(o.python())) {
        return "not installed (no " + o.python() + ")";
      }
      try {
        Process p =
            new ProcessBuilder(
                    o.python().toString(),
                    "-c",
                    "import winrm.protocol, requests; print(requests.__version__)")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          return "not installed (" + o.python() + " cannot import winrm: " + oneLine(out) + ")";
        }
        return null;
      } catch (IOException e) {
        return "not installed (" + e.getMessage() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    private List<String> pythonCommand(String test) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  o.python().toString(),
                  pyScript.toString(),
                  test,
                  endpoint,
                  USER,
                  Double.toString(o.warmupSeconds()),
                  Double.toString(o.seconds())));
      if (test.equals("throughput")) {
        cmd.add(Long.toString(o.bytes()));
        cmd.add(Integer.toString(o.runs()));
      }
      return cmd;
    }

    private List<String> winrm4jCommand(String test) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  winrm4jClasspath,
                  Winrm4jBenchPeer.class.getName(),
                  test,
                  endpoint,
                  USER,
                  Double.toString(o.warmupSeconds()),
                  Double.toString(o.seconds())));
      if (test.equals("throughput")) {
        cmd.add(Long.toString(o.bytes()));
        cmd.add(Integer.toString(o.runs()));
      }
      return cmd;
    }

    private Row peer(String test, String client, List<String> command) throws Exception {
      long cpu0 = cpuNanos();
      JsonNode j = runChild(command);
      long cpu = cpuNanos() - cpu0;
      if (j.has("error")) {
        throw new IllegalStateException(
            client + " failed: " + j.path("error").asText() + ": " + j.path("message").asText());
      }
      String notes =
          switch (client + "/" + test) {
            case "pywinrm/identify" -> "Protocol.send_message(Identify)";
            case "pywinrm/echo" ->
                "open_shell once; run_command + get_command_output" + " + cleanup_command";
            case "pywinrm/echo-newshell" -> "open_shell ... close_shell per op (= run_cmd)";
            case "pywinrm/throughput" -> "Session.run_cmd, buffered in memory; SHA-256 checked";
            case "winrm4j/echo" -> "one WinRmClient.createShell(); ShellCommand.execute";
            case "winrm4j/echo-newshell" -> "createShell + execute + close per op";
            case "winrm4j/throughput" ->
                "ShellCommand.execute into a counting Writer;" + " SHA-256 checked";
            default -> "";
          };
      if (test.equals("throughput")) {
        List<double[]> runs = new ArrayList<>();
        boolean ok = true;
        for (JsonNode r : j.path("runs")) {
          runs.add(new double[] {r.path("bytes").asDouble(), r.path("seconds").asDouble()});
          ok &= r.path("sha256_ok").asBoolean();
        }
        return throughputRow(test, client, runs, cpu, ok, notes);
      }
      long ops = j.path("ops").asLong();
      double seconds = j.path("seconds").asDouble();
      return new Row(
          test,
          client,
          Long.toString(ops),
          String.format(Locale.ROOT, "%.0f ops/s", ops / seconds),
          ms(j.path("p50_ms").asDouble()),
          ms(j.path("p99_ms").asDouble()),
          cpuPerOp(cpu, ops + j.path("warmup_ops").asLong()),
          notes);
    }

    /** CPU per MiB counts the warm-up run (a tenth of the size) too. */
    private Row throughputRow(
        String test, String client, List<double[]> runs, long cpuNanos, boolean ok, String notes) {
      double bytes = 0;
      double seconds = 0;
      double[] perRun = new double[runs.size()];
      for (int i = 0; i < runs.size(); i++) {
        bytes += runs.get(i)[0];
        seconds += runs.get(i)[1];
        perRun[i] = runs.get(i)[1] * 1000;
      }
      Arrays.sort(perRun);
      if (!ok) {
        notes = "SHA-256 MISMATCH; " + notes;
      }
      return new Row(
          test,
          client,
          runs.size() + " × " + (long) (bytes / Math.max(1, runs.size())) + " B",
          String.format(Locale.ROOT, "%.1f MiB/s", bytes / (1 << 20) / seconds),
          ms(perRun[(perRun.length - 1) / 2]) + " /run",
          ms(perRun[perRun.length - 1]) + " /run (max)",
          String.format(Locale.ROOT, "%.1f ms/MiB", cpuNanos / 1e6 / (bytes * 1.1 / (1 << 20)))
              + (client.equals("openrms") ? " (incl. client)" : ""),
          notes);
    }

    private JsonNode runChild(List<String> command) throws Exception {
      Path out = Files.createTempFile(work, "peer", ".out");
      Path err = Files.createTempFile(work, "peer", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Map<String, String> env = pb.environment();
      DROPPED_ENV.forEach(env::remove);
      env.put("NO_PROXY", "127.0.0.1,localhost");
      env.put("no_proxy", "127.0.0.1,localhost");
      env.put("OPENRMS_PEER_PASSWORD", new String(password));
      Process p = pb.start();
      long limit =
          (long)
              (o.warmupSeconds()
                  + o.seconds()
                  + 120
                  + (command.contains("throughput") ? (o.runs() + 1) * o.bytes() / 1e6 : 0));
      if (!p.waitFor(limit, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the peer did not finish within " + limit + " s");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String[] lines = stdout.split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (lines[i].strip().startsWith("{")) {
          return JSON.readTree(lines[i].strip());
        }
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      throw new IllegalStateException(
          "the peer printed no JSON (exit "
              + p.exitValue()
              + "): "
              + tail(stdout + "\n" + stderr, 600));
    }

    // ---- the report ----

    private void waitForCleanListener() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((listener.openShells() > 0 || listener.liveProcesses() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }

    private void printTable(long derivationsBefore) {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "WS-Management load driver: %d cores, Java %s, %s %s; listener %s (HTTP, Basic,"
                  + " allowUnencrypted); warm-up %.1f s, timed %.1f s per loop; throughput %d"
                  + " bytes × %d runs after a %d-byte warm-up run%n%n",
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("java.version"),
              System.getProperty("os.name"),
              System.getProperty("os.arch"),
              endpoint,
              o.warmupSeconds(),
              o.seconds(),
              o.bytes(),
              o.runs(),
              Math.max(1, o.bytes() / 10)));
      String[] header = {
        "test", "client", "ops (timed)", "rate", "p50 ms", "p99 ms", "listener JVM CPU/op", "notes"
      };
      List<String[]> cells = new ArrayList<>();
      cells.add(header);
      for (Row r : rows) {
        cells.add(
            new String[] {r.test, r.client, r.ops, r.rate, r.p50, r.p99, r.serverCpu, r.notes});
      }
      int[] width = new int[header.length];
      for (String[] c : cells) {
        for (int i = 0; i < c.length; i++) {
          width[i] = Math.max(width[i], c[i].length());
        }
      }
      for (int k = 0; k < cells.size(); k++) {
        b.append(line(cells.get(k), width));
        if (k == 0) {
          String[] sep = new String[width.length];
          for (int i = 0; i < width.length; i++) {
            sep[i] = "-".repeat(width[i]);
          }
          b.append(line(sep, width));
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "%nlistener.passwordDerivations() = %d over the whole run (%d before the first"
                  + " request; verified Basic credentials are cached for %d s); open shells at the"
                  + " end = %d; live command processes = %d%n",
              listener.passwordDerivations(),
              derivationsBefore,
              listener.config().credentialCacheTtl().toSeconds(),
              listener.openShells(),
              listener.liveProcesses()));
      System.out.print(b);
      System.out.flush();
    }

    private static String line(String[] cells, int[] width) {
      StringBuilder b = new StringBuilder("|");
      for (int i = 0; i < cells.length; i++) {
        b.append(' ')
            .append(cells[i])
            .append(" ".repeat(width[i] - cells[i].length()))
            .append(" |");
      }
      return b.append('\n').toString();
    }
  }

  // ---- helpers ----

  static String command(long size) {
    return "head -c " + size + " /dev/zero | tr '\\0' 'x'";
  }

  /** CPU time of this JVM (listener, plus our client in the openrms rows). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String cpuPerOp(long cpuNanos, long ops) {
    return String.format(Locale.ROOT, "%.0f µs", cpuNanos / 1e3 / Math.max(1, ops));
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static String tail(String s, int max) {
    String t = s.strip();
    return oneLine(t.length() <= max ? t : "…" + t.substring(t.length() - max));
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[wsman-load] " + format + "%n", args);
    System.err.flush();
  }

  private static char[] randomPassword() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    // ASCII: pywinrm encodes Basic credentials as Latin-1, winrm4j as ASCII.
    return ("Bench-" + HexFormat.of().formatHex(b)).toCharArray();
  }

  /** This module's classes: the jar, or target/classes. */
  static Path ownCodeSource() {
    try {
      return Path.of(
          WsmanLoadDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code winrm4j-lib} next to the jar (or next to target/classes). */
  static Path defaultWinrm4jLib() {
    return ownCodeSource().toAbsolutePath().getParent().resolve("winrm4j-lib");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp files; best effort
    }
  }
}
