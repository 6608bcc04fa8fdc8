package org.openrms.rms.server.internal.wsman;

import static org.openrms.rms.server.internal.wsman.Xml.u;

import java.util.Arrays;
import java.util.Map;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsManagement;
import org.openrms.rms.server.UserDirectory;
import org.openrms.rms.server.UserRecord;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ResourceCreated;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.ItemEnumerations;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RightsManagement#USER_URI}: the built-in directory over WS-Transfer. */
public final class UserResource implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(UserResource.class);

  private final UserDirectory directory;
  private final ItemEnumerations enumerations = new ItemEnumerations();

  /** The resource over {@code directory}. */
  public UserResource(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  public String resourceUri() {
    return RightsManagement.USER_URI;
  }

  /** The representation of one account (never its password hash). */
  static XmlElement toXml(UserRecord r) {
    XmlElement.Builder b =
        XmlElement.builder(u("User"))
            .namespace("u", RightsManagement.NAMESPACE)
            .child(u("Login"), r.login());
    if (r.email() != null) {
      b.child(u("Email"), r.email());
    }
    return b.child(u("DisplayName"), r.displayName())
        .child(u("EmailVerified"), Boolean.toString(r.verified()))
        .child(u("Enabled"), Boolean.toString(r.enabled()))
        .child(u("Created"), r.createdAt().toString())
        .build();
  }

  private String login(ResourceRequest request) {
    String login = request.selectors().get(RightsManagement.LOGIN_SELECTOR);
    if (login == null || login.isEmpty() || request.selectors().size() != 1) {
      throw FaultType.INVALID_SELECTORS.exception(
          "Address one account with exactly the selector " + RightsManagement.LOGIN_SELECTOR);
    }
    return login;
  }

  private UserRecord existing(String login) {
    return directory.find(login).orElseThrow(() -> Xml.noSuchLogin(login));
  }

  @Override
  public XmlElement get(ResourceRequest request) {
    return toXml(existing(login(request)));
  }

  @Override
  public XmlElement put(ResourceRequest request) {
    String login = login(request);
    existing(login);
    XmlElement body = Xml.body(request, u("User"));
    Boolean enabled = Xml.bool(body, "Enabled");
    Boolean verified = Xml.bool(body, "EmailVerified");
    String email = body.childText(u("Email")).map(String::strip).orElse(null);
    try {
      if (email != null) {
        directory.setEmail(login, email.isEmpty() ? null : email);
      }
      if (verified != null) {
        directory.setVerified(login, verified);
      }
      if (enabled != null) {
        directory.setEnabled(login, enabled);
      }
    } catch (IllegalArgumentException e) {
      throw FaultType.INVALID_PARAMETER.exception(e.getMessage());
    }
    LOG.info("management: {} changed account {}", request.user(), login);
    return toXml(existing(login));
  }

  @Override
  public XmlElement create(ResourceRequest request) {
    XmlElement body = Xml.body(request, u("User"));
    String login =
        body.childText(u("Login"))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> FaultType.SCHEMA_VALIDATION_ERROR.exception("User needs a Login"));
    // The parsed envelope already holds the password as a String (the XML model is text); the
    // copy handed to the directory is zeroed once hashed, and nothing logs the body.
    char[] password =
        body.childText(u("Password"))
            .filter(s -> !s.isEmpty())
            .map(String::toCharArray)
            .orElseThrow(
                () -> FaultType.SCHEMA_VALIDATION_ERROR.exception("User needs a Password"));
    try {
      addUser(body, login, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    LOG.info("management: {} added account {}", request.user(), login);
    String address = request.envelope().to().orElse(Namespaces.ANONYMOUS);
    return new ResourceCreated(
            address, RightsManagement.USER_URI, Map.of(RightsManagement.LOGIN_SELECTOR, login))
        .toElement();
  }

  private void addUser(XmlElement body, String login, char[] password) {
    NewUser.Builder user = NewUser.builder(login).password(password);
    body.childText(u("Email")).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(user::email);
    body.childText(u("DisplayName")).map(String::strip).ifPresent(user::displayName);
    Boolean verified = Xml.bool(body, "EmailVerified");
    Boolean enabled = Xml.bool(body, "Enabled");
    if (verified != null) {
      user.verified(verified);
    }
    if (enabled != null) {
      user.enabled(enabled);
    }
    if (directory.find(login).isPresent()) {
      throw FaultType.INVALID_PARAMETER.exception(
          "An account with the Login " + login + " exists.");
    }
    try {
      directory.addUser(user.build());
    } catch (IllegalArgumentException e) {
      throw FaultType.INVALID_PARAMETER.exception(e.getMessage());
    }
  }

  @Override
  public XmlElement enumerate(ResourceRequest request) {
    return enumerations.enumerate(
        request, directory.listUsers().stream().map(UserResource::toXml).toList());
  }

  @Override
  public XmlElement pull(ResourceRequest request) {
    return enumerations.pull(request);
  }

  @Override
  public XmlElement release(ResourceRequest request) {
    enumerations.release(request);
    return null;
  }

  @Override
  public XmlElement delete(ResourceRequest request) {
    String login = login(request);
    existing(login);
    try {
      directory.delete(login);
    } catch (IllegalArgumentException e) {
      throw Xml.noSuchLogin(login);
    }
    LOG.info("management: {} deleted account {}", request.user(), login);
    return null;
  }
}
