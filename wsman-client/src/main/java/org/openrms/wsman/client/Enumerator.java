package org.openrms.wsman.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Enumeration;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.client.internal.Channel;
import org.openrms.wsman.client.internal.XmlText;

/**
 * The items of an enumeration, the scripting object {@code Enumerator} ({@code IWSManEnumerator}):
 * {@link #readItem()} returns them one by one as XML text, pulling the next batch from the service
 * only when the current one is used up. {@link #close()} releases the enumeration context on the
 * service if the end was not reached; it is idempotent. Not thread-safe.
 *
 * <pre>{@code
 * try (Enumerator e = session.enumerate(uri)) {
 *   while (!e.atEndOfStream()) {
 *     String item = e.readItem();
 *   }
 * }
 * }</pre>
 */
public final class Enumerator implements AutoCloseable {
  private final Session session;
  private final ResourceLocator resource;
  private final Deque<XmlElement> items = new ArrayDeque<>();
  private String context;
  private boolean end;
  private boolean closed;

  Enumerator(Session session, ResourceLocator resource, Enumeration.Batch first) {
    this.session = session;
    this.resource = resource;
    accept(first);
    if (!end) {
      session.opened(this);
    }
  }

  private void accept(Enumeration.Batch batch) {
    items.addAll(batch.items());
    if (batch.context() != null) {
      context = batch.context();
    }
    end = batch.end() || batch.context() == null;
  }

  /** True when every item was read ({@code AtEndOfStream}); may pull the next batch to find out. */
  public boolean atEndOfStream() {
    fill();
    return items.isEmpty();
  }

  /**
   * The next item as XML text ({@code ReadItem}).
   *
   * @throws NoSuchElementException at the end of the stream
   */
  public String readItem() {
    fill();
    XmlElement item = items.poll();
    if (item == null) {
      throw new NoSuchElementException("the enumeration has no more items");
    }
    return XmlText.write(item);
  }

  private void fill() {
    if (closed) {
      throw new IllegalStateException("the enumerator is closed");
    }
    while (items.isEmpty() && !end) {
      String ctx = context;
      Enumeration.Batch batch =
          session.op(
              () ->
                  Enumeration.batch(
                      Channel.body(
                          session.call(
                              session
                                  .request(resource, Actions.PULL)
                                  .body(Enumeration.pull(ctx, session.batchItems()))
                                  .build(),
                              true))));
      accept(batch);
      if (end) {
        session.closed(this);
      }
    }
  }

  /**
   * Releases the enumeration context unless the end was reached. Idempotent; a failing Release is
   * recorded in the session's {@link Session#error()}, not thrown.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    session.closed(this);
    if (!end && context != null && !session.isClosedForUse()) {
      String ctx = context;
      try {
        session.op(
            () ->
                session.call(
                    session
                        .request(resource, Actions.RELEASE)
                        .body(Enumeration.release(ctx))
                        .build(),
                    true));
      } catch (RuntimeException e) {
        // recorded in session.error()
      }
    }
  }
}
