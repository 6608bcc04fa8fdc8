package org.openrms.wsman.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Session#openShell(ShellOptions)} creates a WinRS shell: working directory, environment
 * variables, idle timeout, code page and profile loading. Immutable; built by {@link #builder()}.
 */
public final class ShellOptions {
  /** The code page pywinrm asks for: 437 (OEM United States). */
  public static final int DEFAULT_CODEPAGE = 437;

  private static final ShellOptions DEFAULTS = builder().build();

  private final String workingDirectory;
  private final Map<String, String> environment;
  private final Duration idleTimeout;
  private final int codepage;
  private final boolean noProfile;

  private ShellOptions(Builder b) {
    this.workingDirectory = b.workingDirectory;
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    this.idleTimeout = b.idleTimeout;
    this.codepage = b.codepage;
    this.noProfile = b.noProfile;
  }

  /** The options pywinrm uses: code page 437, the profile loaded, nothing else. */
  public static ShellOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The working directory of the shell's commands ({@code rsp:WorkingDirectory}), if set. */
  public Optional<String> workingDirectory() {
    return Optional.ofNullable(workingDirectory);
  }

  /** Environment variables for the shell's commands ({@code rsp:Environment}), in order. */
  public Map<String, String> environment() {
    return environment;
  }

  /** How long the service keeps an idle shell ({@code rsp:IdleTimeOut}), if set. */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /** The console code page ({@code WINRS_CODEPAGE}). */
  public int codepage() {
    return codepage;
  }

  /** Whether the user profile is not loaded ({@code WINRS_NOPROFILE}). */
  public boolean noProfile() {
    return noProfile;
  }

  @Override
  public String toString() {
    return "ShellOptions[codepage="
        + codepage
        + (workingDirectory == null ? "" : ", workingDirectory=" + workingDirectory)
        + (environment.isEmpty() ? "" : ", environment=" + environment.keySet())
        + (idleTimeout == null ? "" : ", idleTimeout=" + idleTimeout)
        + (noProfile ? ", noProfile" : "")
        + "]";
  }

  /** Builds {@link ShellOptions}. Not thread-safe. */
  public static final class Builder {
    private String workingDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration idleTimeout;
    private int codepage = DEFAULT_CODEPAGE;
    private boolean noProfile;

    private Builder() {}

    /** The working directory. */
    public Builder workingDirectory(String directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Adds (or replaces) an environment variable. */
    public Builder environment(String name, String value) {
      if (Objects.requireNonNull(name, "name").isEmpty()) {
        throw new IllegalArgumentException("empty environment variable name");
      }
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds environment variables. */
    public Builder environment(Map<String, String> variables) {
      variables.forEach(this::environment);
      return this;
    }

    /** The idle timeout; must be positive. */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the idle timeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** The code page, such as 437 or 65001 (UTF-8). */
    public Builder codepage(int codepage) {
      if (codepage <= 0) {
        throw new IllegalArgumentException("the code page must be positive");
      }
      this.codepage = codepage;
      return this;
    }

    /** Whether not to load the user profile; false by default. */
    public Builder noProfile(boolean noProfile) {
      this.noProfile = noProfile;
      return this;
    }

    /** The options. */
    public ShellOptions build() {
      return new ShellOptions(this);
    }
  }
}
