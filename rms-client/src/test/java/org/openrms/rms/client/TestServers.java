package org.openrms.rms.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/** Starts real rights servers and builds clients for them. */
final class TestServers {
  static final String PASSWORD = "correct horse battery staple";

  private TestServers() {}

  /** A server on an ephemeral loopback port with cheap password hashing. */
  static RightsServer start(Path dir, Consumer<RightsServerConfig.Builder> custom) {
    RightsServerConfig.Builder b =
        RightsServerConfig.builder().dataDirectory(dir).port(0).passwordHashIterations(1_000);
    custom.accept(b);
    return RightsServer.start(b.build());
  }

  static RightsServer start(Path dir) {
    return start(dir, b -> {});
  }

  /**
   * One server for all tests of a class, registered as {@code @RegisterExtension static final} next
   * to the class's {@code @TempDir static Path} (which JUnit fills in first): started in {@code
   * <dir>/server} before the first test ({@link #start(Path)}) with the given users ({@link
   * #addUser(RightsServer, String)}), closed after the last one.
   */
  static final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<Path> dir;
    private final List<String> logins;
    private RightsServer server;

    SharedServer(Supplier<Path> dir, String... logins) {
      this.dir = dir;
      this.logins = List.of(logins);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      server = start(dir.get().resolve("server"));
      for (String login : logins) {
        addUser(server, login);
      }
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (server != null) {
        server.close();
      }
    }

    RightsServer server() {
      return server;
    }
  }

  /** An enabled, verified user {@code login} with e-mail {@code login@example.com}. */
  static void addUser(RightsServer server, String login) {
    addUser(server, NewUser.builder(login).email(login + "@example.com").verified(true));
  }

  static void addUser(RightsServer server, NewUser.Builder user) {
    server.directory().addUser(user.password(PASSWORD.toCharArray()).build());
  }

  /** A client for the server with the user's credentials and its own store directory. */
  static RightsClient.Builder client(RightsServer server, Path store, String login) {
    return RightsClient.builder()
        .serviceUrl(server.baseUri())
        .trustedRoots(List.of(server.rootCertificate()))
        .credentials(login, PASSWORD.toCharArray())
        .storeDirectory(store)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(20));
  }

  /** The certification endpoint of a server, as {@code DRM_ACTSERV_INFO}. */
  static ActivationServiceInfo certification(RightsServer server) {
    return ActivationServiceInfo.of(URI.create(server.baseUri() + "/certification"));
  }
}
