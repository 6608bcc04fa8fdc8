package org.openrms.rms.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
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
