package org.openrms.wsman.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.namespace.QName;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;

/**
 * A test resource on a real listener: things by selector {@code Id}, with Get, Put, Create, Delete,
 * Enumerate/Pull/Release over {@code count} numbered items, and the method {@code Double}. It
 * records every request it sees.
 */
final class Things implements Resource {
  static final String URI = "http://example.org/wsman/things";
  static final QName THING = new QName(URI, "Thing", "t");
  static final QName NAME = new QName(URI, "Name", "t");

  final Map<String, XmlElement> store = new ConcurrentHashMap<>();
  final List<ResourceRequest> seen = new CopyOnWriteArrayList<>();
  final Map<String, Integer> contexts = new ConcurrentHashMap<>();
  final AtomicInteger pulls = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();
  volatile int count = 55;

  static XmlElement thing(String name) {
    return XmlElement.builder(THING).child(NAME, name).build();
  }

  @Override
  public String resourceUri() {
    return URI;
  }

  private String id(ResourceRequest r) {
    String id = r.selectors().get("Id");
    if (id == null || !store.containsKey(id)) {
      throw FaultType.INVALID_SELECTORS.exception("no thing with Id " + id);
    }
    return id;
  }

  @Override
  public XmlElement get(ResourceRequest r) {
    seen.add(r);
    return store.get(id(r));
  }

  @Override
  public XmlElement put(ResourceRequest r) {
    seen.add(r);
    String id = id(r);
    XmlElement body = r.body().orElseThrow();
    store.put(id, body);
    return body;
  }

  @Override
  public XmlElement create(ResourceRequest r) {
    seen.add(r);
    String id = UUID.randomUUID().toString();
    store.put(id, r.body().orElseThrow());
    QName a = new QName(Namespaces.ADDRESSING, "Address", "a");
    QName w = new QName(Namespaces.WSMAN, "SelectorSet", "w");
    return XmlElement.builder(new QName(Namespaces.TRANSFER, "ResourceCreated", "x"))
        .child(a, Namespaces.ANONYMOUS)
        .child(
            XmlElement.builder(new QName(Namespaces.ADDRESSING, "ReferenceParameters", "a"))
                .child(new QName(Namespaces.WSMAN, "ResourceURI", "w"), URI)
                .child(
                    XmlElement.builder(w)
                        .child(
                            XmlElement.builder(new QName(Namespaces.WSMAN, "Selector", "w"))
                                .attribute("Name", "Id")
                                .text(id)
                                .build())
                        .build())
                .build())
        .build();
  }

  @Override
  public XmlElement delete(ResourceRequest r) {
    seen.add(r);
    store.remove(id(r));
    return null;
  }

  private static QName n(String local) {
    return new QName(Namespaces.ENUMERATION, local, "n");
  }

  private static QName wsman(String local) {
    return new QName(Namespaces.WSMAN, local, "w");
  }

  @Override
  public XmlElement enumerate(ResourceRequest r) {
    seen.add(r);
    XmlElement body = r.body().orElseThrow();
    int max = body.childText(wsman("MaxElements")).map(Integer::parseInt).orElse(1);
    String mode = body.childText(wsman("EnumerationMode")).orElse("");
    String ctx = "uuid:" + UUID.randomUUID();
    contexts.put(ctx, 0);
    return batch(n("EnumerateResponse"), wsman("Items"), wsman("EndOfSequence"), ctx, max, mode);
  }

  @Override
  public XmlElement pull(ResourceRequest r) {
    seen.add(r);
    pulls.incrementAndGet();
    XmlElement body = r.body().orElseThrow();
    String ctx = body.childText(n("EnumerationContext")).orElse("").strip();
    if (!contexts.containsKey(ctx)) {
      throw FaultType.INVALID_ENUMERATION_CONTEXT.exception("unknown context " + ctx);
    }
    int max = body.childText(n("MaxElements")).map(Integer::parseInt).orElse(1);
    return batch(n("PullResponse"), n("Items"), n("EndOfSequence"), ctx, max, "");
  }

  @Override
  public XmlElement release(ResourceRequest r) {
    seen.add(r);
    releases.incrementAndGet();
    contexts.remove(r.body().orElseThrow().childText(n("EnumerationContext")).orElse("").strip());
    return null;
  }

  private XmlElement batch(
      QName response, QName itemsName, QName endName, String ctx, int max, String mode) {
    int from = contexts.get(ctx);
    int to = Math.min(count, from + max);
    List<XmlElement> items = new ArrayList<>();
    for (int i = from; i < to; i++) {
      XmlElement epr =
          XmlElement.builder(new QName(Namespaces.ADDRESSING, "EndpointReference", "a"))
              .child(new QName(Namespaces.ADDRESSING, "Address", "a"), "item-" + i)
              .build();
      items.add(mode.equals("EnumerateEPR") ? epr : thing("item-" + i));
    }
    contexts.put(ctx, to);
    XmlElement.Builder b = XmlElement.builder(response);
    if (to < count) {
      b.child(n("EnumerationContext"), ctx);
    } else {
      contexts.remove(ctx);
    }
    XmlElement.Builder i = XmlElement.builder(itemsName);
    items.forEach(i::child);
    b.child(i.build());
    if (to >= count) {
      b.child(XmlElement.of(endName));
    }
    return b.build();
  }

  @Override
  public XmlElement invoke(String action, ResourceRequest r) {
    seen.add(r);
    if (!action.equals(URI + "/Double")) {
      throw Resource.unsupported(r);
    }
    int n = Integer.parseInt(r.body().orElseThrow().text().strip());
    return XmlElement.text(new QName(URI, "Double_OUTPUT", "t"), Integer.toString(2 * n));
  }
}
