package org.openrms.wsman.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openrms.wsman.Enumeration;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.XmlElement;

/**
 * WS-Enumeration over a snapshot of items, for {@link Resource} implementations: Enumerate
 * (optimized with {@code w:OptimizeEnumeration}, or not), Pull and Release. A resource keeps one
 * instance and answers {@link Resource#enumerate}, {@link Resource#pull} and {@link
 * Resource#release} with {@link #enumerate(ResourceRequest, List)}, {@link #pull(ResourceRequest)}
 * and {@link #release(ResourceRequest)}.
 *
 * <p>A context belongs to the account that opened it (another account gets {@code
 * n:InvalidEnumerationContext}), expires after ten minutes unused. One account keeps at most
 * {@value #MAX_CONTEXTS_PER_OWNER} open (its own oldest is dropped), and at most {@value
 * #MAX_CONTEXTS} are open in all (then the oldest context of the account holding the most is
 * dropped), so one account cannot evict another's contexts by opening many. Thread-safe.
 */
public final class ItemEnumerations {
  /** The most enumeration contexts kept open at once. */
  public static final int MAX_CONTEXTS = 256;

  /** The most enumeration contexts one account keeps open at once. */
  public static final int MAX_CONTEXTS_PER_OWNER = 64;

  private static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final int MAX_BATCH = 1000;

  private record Context(String owner, Deque<XmlElement> items, long touched) {}

  private final Map<String, Context> contexts = new LinkedHashMap<>();

  /** The {@code n:EnumerateResponse} over {@code items} for an Enumerate request. */
  public XmlElement enumerate(ResourceRequest request, List<XmlElement> items) {
    return enumerate(request.user(), request.body(), items);
  }

  /** The {@code n:PullResponse} for a Pull request. */
  public XmlElement pull(ResourceRequest request) {
    return pull(request.user(), request.body());
  }

  /** Forgets the context of a Release request (an unknown one is a fault). */
  public void release(ResourceRequest request) {
    release(request.user(), request.body());
  }

  private XmlElement enumerate(
      String owner, Optional<XmlElement> enumerate, List<XmlElement> items) {
    XmlElement e = enumerate.filter(b -> b.name().equals(Enumeration.ENUMERATE)).orElse(null);
    if (e == null) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
          "the body of an Enumerate must be n:Enumerate");
    }
    Deque<XmlElement> rest = new ArrayDeque<>(items);
    String id = "uuid:" + UUID.randomUUID();
    XmlElement.Builder out = XmlElement.builder(Enumeration.ENUMERATE_RESPONSE);
    if (e.child(Enumeration.W_OPTIMIZE_ENUMERATION).isEmpty()) {
      put(id, new Context(owner, rest, System.nanoTime()));
      return out.child(Enumeration.ENUMERATION_CONTEXT, id).build();
    }
    XmlElement.Builder batch = XmlElement.builder(Enumeration.W_ITEMS);
    take(rest, maxElements(e.childText(Enumeration.W_MAX_ELEMENTS))).forEach(batch::child);
    if (!rest.isEmpty()) {
      put(id, new Context(owner, rest, System.nanoTime()));
    }
    out.child(Enumeration.ENUMERATION_CONTEXT, rest.isEmpty() ? "" : id).child(batch.build());
    if (rest.isEmpty()) {
      out.child(XmlElement.of(Enumeration.W_END_OF_SEQUENCE));
    }
    return out.build();
  }

  private XmlElement pull(String owner, Optional<XmlElement> pull) {
    XmlElement p = pull.filter(b -> b.name().equals(Enumeration.PULL)).orElse(null);
    if (p == null) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception("the body of a Pull must be n:Pull");
    }
    String id = p.childText(Enumeration.ENUMERATION_CONTEXT).map(String::strip).orElse("");
    Context c;
    synchronized (this) {
      c = contexts.remove(id);
    }
    if (c == null || !c.owner().equals(owner)) {
      throw FaultType.INVALID_ENUMERATION_CONTEXT.exception("no enumeration context " + clip(id));
    }
    XmlElement.Builder batch = XmlElement.builder(Enumeration.N_ITEMS);
    take(c.items(), maxElements(p.childText(Enumeration.N_MAX_ELEMENTS))).forEach(batch::child);
    XmlElement.Builder out = XmlElement.builder(Enumeration.PULL_RESPONSE);
    if (!c.items().isEmpty()) {
      put(id, new Context(owner, c.items(), System.nanoTime()));
      out.child(Enumeration.ENUMERATION_CONTEXT, id);
    }
    out.child(batch.build());
    if (c.items().isEmpty()) {
      out.child(XmlElement.of(Enumeration.N_END_OF_SEQUENCE));
    }
    return out.build();
  }

  private void release(String owner, Optional<XmlElement> release) {
    String id =
        release
            .filter(b -> b.name().equals(Enumeration.RELEASE))
            .flatMap(b -> b.childText(Enumeration.ENUMERATION_CONTEXT))
            .map(String::strip)
            .orElseThrow(
                () ->
                    FaultType.SCHEMA_VALIDATION_ERROR.exception(
                        "the body of a Release must be n:Release"));
    synchronized (this) {
      Context c = contexts.get(id);
      if (c != null && c.owner().equals(owner)) {
        contexts.remove(id);
        return;
      }
    }
    throw FaultType.INVALID_ENUMERATION_CONTEXT.exception("no enumeration context " + clip(id));
  }

  /** How many contexts are open. */
  public synchronized int open() {
    return contexts.size();
  }

  private synchronized void put(String id, Context c) {
    long now = System.nanoTime();
    Iterator<Context> it = contexts.values().iterator();
    while (it.hasNext()) {
      if (now - it.next().touched() > EXPIRY_NANOS) {
        it.remove();
      }
    }
    Map<String, Integer> perOwner = new java.util.HashMap<>();
    for (Context x : contexts.values()) {
      perOwner.merge(x.owner(), 1, Integer::sum);
    }
    if (perOwner.getOrDefault(c.owner(), 0) >= MAX_CONTEXTS_PER_OWNER) {
      removeOldestOf(c.owner());
    } else if (contexts.size() >= MAX_CONTEXTS) {
      String largest = c.owner();
      for (Map.Entry<String, Integer> e : perOwner.entrySet()) {
        if (e.getValue() > perOwner.getOrDefault(largest, 0)) {
          largest = e.getKey();
        }
      }
      removeOldestOf(largest);
    }
    contexts.put(id, c);
  }

  private void removeOldestOf(String owner) {
    Iterator<Context> it = contexts.values().iterator();
    while (it.hasNext()) {
      if (it.next().owner().equals(owner)) {
        it.remove();
        return;
      }
    }
  }

  private static List<XmlElement> take(Deque<XmlElement> from, int max) {
    List<XmlElement> out = new ArrayList<>();
    while (out.size() < max && !from.isEmpty()) {
      out.add(from.poll());
    }
    return out;
  }

  /** MaxElements: default 1 (WS-Management), at most {@value #MAX_BATCH}. */
  private static int maxElements(Optional<String> text) {
    if (text.isEmpty()) {
      return 1;
    }
    try {
      long v = Long.parseLong(text.get().strip());
      if (v < 1) {
        throw new NumberFormatException();
      }
      return (int) Math.min(v, MAX_BATCH);
    } catch (NumberFormatException e) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception("MaxElements is not a positive integer");
    }
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) : s;
  }
}
