package org.openrms.rms.server.internal.crypto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The subject alternative names the TLS certificate must carry: always {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1}, plus the bind address (or the local host name for a wildcard bind)
 * and the host of the public base URI.
 */
public final class TlsNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> dnsNames = new LinkedHashSet<>();
  private final Set<String> ipAddresses = new LinkedHashSet<>();

  /** The names for a server bound to {@code bindAddress}, with extra host names or addresses. */
  public static TlsNames forServer(String bindAddress, Collection<String> extraHosts) {
    TlsNames n = new TlsNames();
    n.add("localhost");
    n.add("127.0.0.1");
    n.add("::1");
    String bind = stripBrackets(bindAddress);
    if (isWildcard(bind)) {
      try {
        n.add(InetAddress.getLocalHost().getHostName());
      } catch (UnknownHostException e) {
        // no resolvable local host name: localhost and the loopback addresses remain
      }
    } else {
      n.add(bind);
    }
    for (String h : extraHosts) {
      if (h != null && !h.isBlank()) {
        n.add(stripBrackets(h));
      }
    }
    return n;
  }

  private void add(String host) {
    if (isIpLiteral(host)) {
      if (!isWildcard(host)) {
        ipAddresses.add(normalizeIp(host));
      }
    } else {
      dnsNames.add(host.toLowerCase(Locale.ROOT));
    }
  }

  /** The first DNS name, used as the subject CN. */
  public String primaryName() {
    return dnsNames.iterator().next();
  }

  /** The names as Bouncy Castle general names. */
  public List<GeneralName> generalNames() {
    List<GeneralName> out = new ArrayList<>();
    dnsNames.forEach(d -> out.add(new GeneralName(GeneralName.dNSName, d)));
    ipAddresses.forEach(ip -> out.add(new GeneralName(GeneralName.iPAddress, ip)));
    return out;
  }

  /** {@code true} if the certificate's SAN contains every name. */
  public boolean coveredBy(X509Certificate cert) {
    Set<String> dns = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1));
        if (type == GeneralName.dNSName) {
          dns.add(value.toLowerCase(Locale.ROOT));
        } else if (type == GeneralName.iPAddress) {
          ips.add(normalizeIp(value));
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    return dns.containsAll(dnsNames) && ips.containsAll(ipAddresses);
  }

  /** A short text for logs. */
  public String describe() {
    return "DNS " + dnsNames + ", IP " + ipAddresses;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  private static String stripBrackets(String host) {
    String h = host.strip();
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static String normalizeIp(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      return literal;
    }
  }
}
