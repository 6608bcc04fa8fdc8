package org.openrms.wsman;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a WS-Transfer CreateResponse: {@code x:ResourceCreated}, an endpoint reference made
 * of the listener's address and reference parameters naming the new instance by resource URI and
 * selectors (DSP0226 §7.3).
 *
 * @param address the {@code a:Address}, the listener URL
 * @param resourceUri the new instance's {@code w:ResourceURI}
 * @param selectors the new instance's selectors, in order
 */
public record ResourceCreated(String address, String resourceUri, Map<String, String> selectors) {
  /** Checks for nulls and copies the selectors. */
  public ResourceCreated {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(resourceUri, "resourceUri");
    selectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
  }

  /** The {@code x:ResourceCreated} element. */
  public XmlElement toElement() {
    XmlElement.Builder set = XmlElement.builder(Envelope.SELECTOR_SET);
    selectors.forEach(
        (n, v) ->
            set.child(XmlElement.builder(Envelope.SELECTOR).attribute("Name", n).text(v).build()));
    XmlElement.Builder params =
        XmlElement.builder(Shells.REFERENCE_PARAMETERS).child(Envelope.RESOURCE_URI, resourceUri);
    if (!selectors.isEmpty()) {
      params.child(set.build());
    }
    return XmlElement.builder(Shells.RESOURCE_CREATED)
        .child(Envelope.ADDRESS, address)
        .child(params.build())
        .build();
  }

  /** Reads an {@code x:ResourceCreated} element; empty if {@code e} is not one. */
  public static Optional<ResourceCreated> from(XmlElement e) {
    if (e == null || !e.name().equals(Shells.RESOURCE_CREATED)) {
      return Optional.empty();
    }
    String address = e.childText(Envelope.ADDRESS).map(String::strip).orElse("");
    Optional<XmlElement> params = e.child(Shells.REFERENCE_PARAMETERS);
    String uri =
        params.flatMap(p -> p.childText(Envelope.RESOURCE_URI)).map(String::strip).orElse("");
    Map<String, String> selectors = new LinkedHashMap<>();
    params
        .flatMap(p -> p.child(Envelope.SELECTOR_SET))
        .ifPresent(
            set ->
                set.children(Envelope.SELECTOR)
                    .forEach(s -> s.attribute("Name").ifPresent(n -> selectors.put(n, s.text()))));
    return Optional.of(new ResourceCreated(address, uri, selectors));
  }
}
