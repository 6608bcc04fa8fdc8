package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer as a child process with a clean network environment (no proxies, loopback in
 * NO_PROXY, no CA-bundle or runtime-option overrides) and reads the JSON line it prints last.
 */
final class PeerProcess {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DROPPED =
      List.of(
          "http_proxy",
          "https_proxy",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "all_proxy",
          "ALL_PROXY",
          "REQUESTS_CA_BUNDLE",
          "CURL_CA_BUNDLE",
          "SSL_CERT_FILE",
          "NODE_EXTRA_CA_CERTS",
          "NODE_OPTIONS",
          "NODE_PATH",
          "PYTHONPATH",
          "PYTHONHOME",
          "JAVA_TOOL_OPTIONS");

  /** What the peer did. */
  record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
    /**
     * The last stdout line that is a JSON object (logging may precede it).
     *
     * @throws AssertionError if there is none
     */
    JsonNode json() {
      String[] lines = stdout.split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        String line = lines[i].strip();
        if (line.startsWith("{")) {
          try {
            return JSON.readTree(line);
          } catch (IOException e) {
            throw new AssertionError("unparsable peer output: " + line, e);
          }
        }
      }
      throw new AssertionError("the peer printed no JSON line; " + this);
    }

    /**
     * The result line of a peer that succeeded; fails, showing all output, if it reports an error.
     */
    JsonNode success() {
      JsonNode j = json();
      assertThat(j.has("error")).as("the peer failed: %s", this).isFalse();
      return j;
    }

    /** The result line of a peer that reported an error; fails, showing all output, otherwise. */
    JsonNode failure() {
      JsonNode j = json();
      assertThat(j.has("error")).as("the peer did not fail: %s", this).isTrue();
      return j;
    }

    @Override
    public String toString() {
      return "exit "
          + exitCode
          + " after "
          + elapsed.toMillis()
          + " ms\n--- stdout\n"
          + stdout
          + "\n--- stderr\n"
          + stderr;
    }
  }

  private PeerProcess() {}

  /** Runs {@code command} in {@code workDir} (which receives the output files) and waits. */
  static Result run(
      List<String> command, Map<String, String> extraEnv, Path workDir, Duration timeout) {
    try {
      Path out = Files.createTempFile(workDir, "peer", ".out");
      Path err = Files.createTempFile(workDir, "peer", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Map<String, String> env = pb.environment();
      DROPPED.forEach(env::remove);
      env.put("NO_PROXY", "127.0.0.1,localhost");
      env.put("no_proxy", "127.0.0.1,localhost");
      env.putAll(extraEnv);
      long start = System.nanoTime();
      Process p = pb.start();
      boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      Result r =
          new Result(
              finished ? p.exitValue() : -1,
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8),
              Duration.ofNanos(System.nanoTime() - start));
      if (!finished) {
        throw new AssertionError("the peer did not finish within " + timeout + ": " + r);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }
}
