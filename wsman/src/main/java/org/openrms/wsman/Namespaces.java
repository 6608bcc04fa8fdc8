package org.openrms.wsman;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The namespace URIs of WS-Management as Windows and pywinrm write them, and the prefixes Windows
 * uses for each. The writer always emits these prefixes for these URIs.
 */
public final class Namespaces {
  /** SOAP 1.2 envelope ({@code s}). */
  public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";

  /** WS-Addressing 2004/08 ({@code a}). */
  public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

  /** The WS-Addressing anonymous reply-to role. */
  public static final String ANONYMOUS = ADDRESSING + "/role/anonymous";

  /** DMTF WS-Management ({@code w}). */
  public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";

  /** Microsoft MS-WSMV extensions ({@code p}). */
  public static final String WSMV = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";

  /** WS-Transfer ({@code x}). */
  public static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";

  /** WS-Enumeration ({@code n}). */
  public static final String ENUMERATION = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";

  /** WS-Eventing ({@code e}). */
  public static final String EVENTING = "http://schemas.xmlsoap.org/ws/2004/08/eventing";

  /** WinRS remote shell ({@code rsp}). */
  public static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";

  /** WS-Management identity, for Identify ({@code wsmid}). */
  public static final String IDENTITY =
      "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

  /** CIM binding ({@code b}). */
  public static final String CIM_BINDING = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd";

  /** WinRM configuration ({@code cfg}). */
  public static final String CONFIG = "http://schemas.microsoft.com/wbem/wsman/1/config";

  /** The WSManFault detail element ({@code f}). */
  public static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

  /** XML Schema ({@code xsd}). */
  public static final String XSD = "http://www.w3.org/2001/XMLSchema";

  /** XML Schema instance ({@code xsi}). */
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  /** The WinRS cmd shell resource URI. */
  public static final String RESOURCE_CMD_SHELL = SHELL + "/cmd";

  /** Prefix of WMI resource URIs: append {@code <namespace>/<class>}, e.g. {@code root/cimv2/*}. */
  public static final String RESOURCE_WMI_PREFIX = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";

  /** The WQL filter dialect of Enumerate. */
  public static final String DIALECT_WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";

  /** Prefix of the security-profile URIs listed in an Identify response. */
  public static final String SECPROFILE_PREFIX =
      "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/";

  /** Prefix of the {@code w:FaultDetail} URIs. */
  public static final String FAULT_DETAIL_PREFIX =
      "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/";

  private static final Map<String, String> PREFIXES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SOAP, "s");
    m.put(ADDRESSING, "a");
    m.put(WSMAN, "w");
    m.put(WSMV, "p");
    m.put(TRANSFER, "x");
    m.put(ENUMERATION, "n");
    m.put(EVENTING, "e");
    m.put(SHELL, "rsp");
    m.put(IDENTITY, "wsmid");
    m.put(CIM_BINDING, "b");
    m.put(CONFIG, "cfg");
    m.put(WSMAN_FAULT, "f");
    m.put(XSD, "xsd");
    m.put(XSI, "xsi");
    PREFIXES = Collections.unmodifiableMap(m);
  }

  private Namespaces() {}

  /** The standard prefix Windows uses for {@code namespaceUri}, if it is one of ours. */
  public static Optional<String> standardPrefix(String namespaceUri) {
    return Optional.ofNullable(PREFIXES.get(namespaceUri));
  }

  /** Every standard namespace URI with its prefix, in a stable order. */
  public static Map<String, String> standardPrefixes() {
    return PREFIXES;
  }
}
