package org.openrms.wsman.client.internal;

import java.util.OptionalLong;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.Namespaces;

/**
 * Learns, once, the largest request envelope a service accepts: its {@code cfg:MaxEnvelopeSizekb}
 * from a Get of {@code winrm/config}, which then becomes the {@link Exchange#sendLimit()}. If the
 * config cannot be read (not an administrator, not a Windows-like service) the announced
 * MaxEnvelopeSize stays the limit. Thread-safe.
 */
public final class ServiceLimit {
  private static final QName MAX_ENVELOPE_SIZE_KB =
      new QName(Namespaces.CONFIG, "MaxEnvelopeSizekb", "cfg");

  /** MS-WSMV 3.1.4.1.7: no service limit is below 8192 bytes. */
  private static final long SMALLEST = 8192;

  private final Exchange exchange;
  private volatile boolean known;

  /** A limit that will be learned for {@code exchange}. */
  public ServiceLimit(Exchange exchange) {
    this.exchange = exchange;
  }

  /**
   * The limit in bytes; the first call runs {@code getConfig} (a Get of {@code winrm/config} that
   * returns the response or throws).
   */
  public long get(Supplier<Envelope> getConfig) {
    if (!known) {
      synchronized (this) {
        if (!known) {
          try {
            parse(getConfig.get()).ifPresent(exchange::sendLimit);
          } catch (RuntimeException e) {
            // not readable: keep the announced MaxEnvelopeSize
          }
          known = true;
        }
      }
    }
    return exchange.sendLimit();
  }

  /** The MaxEnvelopeSizekb of a config Get response in bytes, if it holds a plausible one. */
  static OptionalLong parse(Envelope configResponse) {
    String kb =
        configResponse
            .bodyElement()
            .flatMap(b -> b.childText(MAX_ENVELOPE_SIZE_KB))
            .map(String::strip)
            .orElse("");
    try {
      long bytes = Math.multiplyExact(Long.parseLong(kb), 1024L);
      return bytes >= SMALLEST ? OptionalLong.of(bytes) : OptionalLong.empty();
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
