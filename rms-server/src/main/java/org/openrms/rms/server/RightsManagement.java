package org.openrms.rms.server;

import java.util.List;
import org.openrms.rms.server.internal.wsman.ServerResource;
import org.openrms.rms.server.internal.wsman.UserResource;
import org.openrms.wsman.server.Resource;

/**
 * The WS-Management resources that manage a running {@link RightsServer}, for registering with a
 * {@code WsmanListener} ({@code WsmanListenerConfig.Builder#resource}).
 *
 * <ul>
 *   <li>{@link #USER_URI}: the built-in directory. Get / Put / Delete address one account with the
 *       selector {@code Login}; Create adds one (body {@code u:User} with {@code u:Login}, {@code
 *       u:Password}, optional {@code u:Email}, {@code u:DisplayName}, {@code u:EmailVerified},
 *       {@code u:Enabled}); Put changes {@code u:Email}, {@code u:EmailVerified} and {@code
 *       u:Enabled}; Enumerate lists every account. Password hashes are never returned.
 *   <li>{@link #SERVER_URI}: Get returns the server's identity and counters (read-only).
 * </ul>
 *
 * Every change is made under the authenticated WS-Management account, which is written to the
 * server log; listener accounts are the server's administrators.
 */
public final class RightsManagement {
  /** The namespace of the management representations (prefix {@code u}). */
  public static final String NAMESPACE = "http://schemas.openrms.org/rms/1/management";

  /** Resource URI of the directory accounts. */
  public static final String USER_URI = "http://schemas.openrms.org/rms/1/User";

  /** Resource URI of the server status. */
  public static final String SERVER_URI = "http://schemas.openrms.org/rms/1/Server";

  /** The selector that names an account. */
  public static final String LOGIN_SELECTOR = "Login";

  private RightsManagement() {}

  /** The management resources of {@code server}. */
  public static List<Resource> resources(RightsServer server) {
    return List.of(new UserResource(server.directory()), new ServerResource(server));
  }
}
