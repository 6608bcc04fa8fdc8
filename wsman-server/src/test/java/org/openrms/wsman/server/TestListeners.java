package org.openrms.wsman.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.WsmanFault;

/** Listeners and messages shared by the tests. */
final class TestListeners {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret-Pässword";
  static final String TO = "http://windows-host:5985/wsman";

  /** One account set for every test (each hash costs a PBKDF2 derivation). */
  static final LocalAccounts ACCOUNTS =
      LocalAccounts.empty().withAccount(USER, PASSWORD.toCharArray());

  private static final EnvelopeWriter WRITER = new EnvelopeWriter();
  private static final EnvelopeReader READER =
      new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false);

  private TestListeners() {}

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

  static String auth() {
    return RawConnection.basic(USER, PASSWORD);
  }

  static byte[] bytes(Envelope e) {
    return WRITER.toBytes(e);
  }

  static byte[] identify() {
    return bytes(IdentifyResponse.request());
  }

  static Envelope request(String resourceUri, String action) {
    return Envelope.request(TO, resourceUri, action)
        .maxEnvelopeSize(153600, true)
        .locale("en-US")
        .build();
  }

  static Envelope get(String resourceUri) {
    return request(resourceUri, Actions.GET);
  }

  static Envelope parse(RawConnection.Answer a) {
    return READER.read(a.body());
  }

  static WsmanFault fault(RawConnection.Answer a) {
    return parse(a).fault().orElseThrow(() -> new AssertionError("no fault in " + a.text()));
  }
}
