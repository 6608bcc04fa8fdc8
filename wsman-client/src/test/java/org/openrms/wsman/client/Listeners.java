package org.openrms.wsman.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/** Real listeners on 127.0.0.1 and sessions on them, shared by the session tests. */
final class Listeners {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret-Pässword";
  static final LocalAccounts ACCOUNTS =
      LocalAccounts.empty().withAccount(USER, PASSWORD.toCharArray());

  private Listeners() {}

  static WsmanListener start(Consumer<WsmanListenerConfig.Builder> custom) {
    WsmanListenerConfig.Builder b =
        WsmanListenerConfig.builder().accounts(ACCOUNTS).allowUnencrypted(true);
    custom.accept(b);
    try {
      return WsmanListener.start(b.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConnectionOptions alice() {
    return ConnectionOptions.builder().userName(USER).password(PASSWORD.toCharArray()).build();
  }

  static ConnectionOptions alice(String password) {
    return ConnectionOptions.builder().userName(USER).password(password.toCharArray()).build();
  }

  /** Basic over plain HTTP, which needs NoEncryption. */
  static Session basic(WsmanListener l) {
    return basic(WSMan.builder().build(), l);
  }

  static Session basic(WSMan wsman, WsmanListener l) {
    Set<SessionFlag> flags = EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.NO_ENCRYPTION);
    return wsman.createSession(l.httpUri().toString(), flags, alice());
  }
}
