package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * The {@code wsmid:IdentifyResponse} body, children in the Windows order: ProtocolVersion,
 * ProductVendor, ProductVersion, SecurityProfiles (absent for an unauthenticated Identify).
 *
 * @param protocolVersion normally {@link Namespaces#WSMAN}
 * @param productVendor e.g. "Microsoft Corporation"
 * @param productVersion e.g. "OS: 6.3.9600 SP: 0.0 Stack: 3.0"
 * @param securityProfiles the profile URIs; empty means no SecurityProfiles element
 */
public record IdentifyResponse(
    String protocolVersion,
    String productVendor,
    String productVersion,
    List<String> securityProfiles) {
  /** {@code wsmid:Identify}, the request body. */
  public static final QName IDENTIFY = id("Identify");

  static final QName IDENTIFY_RESPONSE = id("IdentifyResponse");
  private static final QName PROTOCOL_VERSION = id("ProtocolVersion");
  private static final QName PRODUCT_VENDOR = id("ProductVendor");
  private static final QName PRODUCT_VERSION = id("ProductVersion");
  private static final QName SECURITY_PROFILES = id("SecurityProfiles");
  private static final QName SECURITY_PROFILE_NAME = id("SecurityProfileName");

  /** Copies the profiles. */
  public IdentifyResponse {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(productVendor, "productVendor");
    Objects.requireNonNull(productVersion, "productVersion");
    securityProfiles = List.copyOf(securityProfiles);
  }

  private static QName id(String local) {
    return new QName(Namespaces.IDENTITY, local, "wsmid");
  }

  /** The Identify request: an empty header and an empty {@code wsmid:Identify}. */
  public static Envelope request() {
    return Envelope.builder().body(XmlElement.of(IDENTIFY)).build();
  }

  /** Whether {@code envelope} is an Identify request. */
  public static boolean isRequest(Envelope envelope) {
    return envelope.bodyElement().map(e -> e.name().equals(IDENTIFY)).orElse(false);
  }

  /** The response envelope as Windows shapes it: {@code xml:lang}, an empty header. */
  public Envelope toEnvelope() {
    return Envelope.builder().attribute(XmlElement.XML_LANG, "en-US").body(toElement()).build();
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b =
        XmlElement.builder(IDENTIFY_RESPONSE)
            .child(PROTOCOL_VERSION, protocolVersion)
            .child(PRODUCT_VENDOR, productVendor)
            .child(PRODUCT_VERSION, productVersion);
    if (!securityProfiles.isEmpty()) {
      XmlElement.Builder p = XmlElement.builder(SECURITY_PROFILES);
      securityProfiles.forEach(s -> p.child(SECURITY_PROFILE_NAME, s));
      b.child(p.build());
    }
    return b.build();
  }

  /**
   * Reads the IdentifyResponse of {@code envelope}.
   *
   * @throws WsmanFaultException.SchemaValidationError if the body is not one
   */
  public static IdentifyResponse from(Envelope envelope) {
    XmlElement e =
        envelope
            .bodyElement()
            .filter(x -> x.name().equals(IDENTIFY_RESPONSE))
            .orElseThrow(() -> Shells.schema("the body is not wsmid:IdentifyResponse"));
    List<String> profiles = new ArrayList<>();
    e.child(SECURITY_PROFILES)
        .ifPresent(
            p -> p.children(SECURITY_PROFILE_NAME).forEach(n -> profiles.add(n.text().strip())));
    return new IdentifyResponse(
        text(e, PROTOCOL_VERSION), text(e, PRODUCT_VENDOR), text(e, PRODUCT_VERSION), profiles);
  }

  private static String text(XmlElement e, QName name) {
    return e.childText(name)
        .map(String::strip)
        .orElseThrow(() -> Shells.schema("wsmid:IdentifyResponse without " + name.getLocalPart()));
  }
}
