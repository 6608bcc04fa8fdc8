package org.openrms.wsman.client.internal;

import java.util.function.Supplier;
import org.openrms.wsman.WsmanFaultException;

/**
 * A session's {@code Error}: empty after an operation that succeeded; after one that failed, the
 * service's fault as XML, or the message of another failure. Thread-safe.
 */
public final class LastError {
  private volatile String text = "";

  /** The last error, or an empty string. */
  public String text() {
    return text;
  }

  /** Runs {@code operation}, recording its outcome; its failure is rethrown. */
  public <T> T record(Supplier<T> operation) {
    try {
      T result = operation.get();
      text = "";
      return result;
    } catch (WsmanFaultException e) {
      text = XmlText.write(e.fault().toElement());
      throw e;
    } catch (RuntimeException e) {
      text = String.valueOf(e.getMessage());
      throw e;
    }
  }
}
