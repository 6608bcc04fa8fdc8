package org.openrms.wsman.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanOption;
import org.openrms.wsman.XmlElement;

/**
 * Names one resource for a session operation, as the scripting API's {@code ResourceLocator}: the
 * resource URI, the selectors ({@code w:SelectorSet}), the options ({@code w:OptionSet}, with
 * {@code MustUnderstand} for the whole set and {@code MustComply} per option), and a fragment path
 * with its dialect for fragment-level transfer.
 *
 * <p>Immutable; {@link WSMan#createResourceLocator(String)} and {@link #builder(String)} return a
 * {@link Builder}, {@link #toBuilder()} makes a variant.
 */
public final class ResourceLocator {
  private final String resourceUri;
  private final Map<String, String> selectors;
  private final List<WsmanOption> options;
  private final boolean mustUnderstandOptions;
  private final String fragmentPath;
  private final String fragmentDialect;

  private ResourceLocator(Builder b) {
    this.resourceUri = b.resourceUri;
    this.selectors = Collections.unmodifiableMap(new LinkedHashMap<>(b.selectors));
    this.options = List.copyOf(b.options);
    this.mustUnderstandOptions = b.mustUnderstandOptions;
    this.fragmentPath = b.fragmentPath;
    this.fragmentDialect = b.fragmentDialect;
  }

  /**
   * A builder for a resource URI.
   *
   * @throws IllegalArgumentException if the URI is empty or not an absolute URI
   */
  public static Builder builder(String resourceUri) {
    return new Builder(resourceUri);
  }

  /** A builder holding this locator's values. */
  public Builder toBuilder() {
    Builder b = new Builder(resourceUri);
    b.selectors.putAll(selectors);
    b.options.addAll(options);
    b.mustUnderstandOptions = mustUnderstandOptions;
    b.fragmentPath = fragmentPath;
    b.fragmentDialect = fragmentDialect;
    return b;
  }

  /**
   * The resource URI, such as {@code http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/*}.
   */
  public String resourceUri() {
    return resourceUri;
  }

  /** The selectors in the order they were added. */
  public Map<String, String> selectors() {
    return selectors;
  }

  /** The options in the order they were added. */
  public List<WsmanOption> options() {
    return options;
  }

  /** True if the service must understand the option set ({@code MustUnderstand="true"}). */
  public boolean mustUnderstandOptions() {
    return mustUnderstandOptions;
  }

  /** The fragment path ({@code w:FragmentTransfer}), if any. */
  public Optional<String> fragmentPath() {
    return Optional.ofNullable(fragmentPath);
  }

  /** The dialect of the fragment path, if one was given. */
  public Optional<String> fragmentDialect() {
    return Optional.ofNullable(fragmentDialect);
  }

  /**
   * Writes this locator into a request: {@code w:ResourceURI}, the {@code w:SelectorSet}, the
   * {@code w:OptionSet} (with {@code MustUnderstand} and {@code MustComply}) and {@code
   * w:FragmentTransfer} (mustUnderstand, with its {@code Dialect} when one is set).
   *
   * @return {@code request}
   */
  public EnvelopeBuilder applyTo(EnvelopeBuilder request) {
    request.resourceUri(resourceUri);
    selectors.forEach(request::selector);
    options.forEach(request::option);
    request.optionSetMustUnderstand(mustUnderstandOptions);
    if (fragmentPath != null) {
      XmlElement.Builder f =
          XmlElement.builder(new QName(Namespaces.WSMAN, "FragmentTransfer", "w"))
              .attribute(Envelope.MUST_UNDERSTAND, "true")
              .text(fragmentPath);
      if (fragmentDialect != null) {
        f.attribute("Dialect", fragmentDialect);
      }
      request.header(f.build());
    }
    return request;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceLocator r
        && resourceUri.equals(r.resourceUri)
        && selectors.equals(r.selectors)
        && options.equals(r.options)
        && mustUnderstandOptions == r.mustUnderstandOptions
        && Objects.equals(fragmentPath, r.fragmentPath)
        && Objects.equals(fragmentDialect, r.fragmentDialect);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        resourceUri, selectors, options, mustUnderstandOptions, fragmentPath, fragmentDialect);
  }

  @Override
  public String toString() {
    return "ResourceLocator["
        + resourceUri
        + (selectors.isEmpty() ? "" : ", selectors=" + selectors)
        + (options.isEmpty() ? "" : ", options=" + options)
        + (mustUnderstandOptions ? ", mustUnderstandOptions" : "")
        + (fragmentPath == null ? "" : ", fragment=" + fragmentPath)
        + "]";
  }

  /** Builds a {@link ResourceLocator}. Not thread-safe. */
  public static final class Builder {
    private final String resourceUri;
    private final Map<String, String> selectors = new LinkedHashMap<>();
    private final List<WsmanOption> options = new ArrayList<>();
    private boolean mustUnderstandOptions;
    private String fragmentPath;
    private String fragmentDialect;

    private Builder(String resourceUri) {
      Objects.requireNonNull(resourceUri, "resourceUri");
      if (resourceUri.isEmpty()) {
        throw new IllegalArgumentException("empty resource URI");
      }
      try {
        if (!new URI(resourceUri).isAbsolute()) {
          throw new IllegalArgumentException(
              "resource URI '" + resourceUri + "' is not absolute (it needs a scheme)");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "resource URI '" + resourceUri + "' is malformed: " + e.getReason(), e);
      }
      this.resourceUri = resourceUri;
    }

    /**
     * Adds a selector ({@code AddSelector}).
     *
     * @throws IllegalArgumentException for an empty name or a name already used
     */
    public Builder selector(String name, String value) {
      requireName(name, "selector");
      Objects.requireNonNull(value, "value");
      if (selectors.containsKey(name)) {
        throw new IllegalArgumentException("selector '" + name + "' is already set");
      }
      selectors.put(name, value);
      return this;
    }

    /** Adds an option the service may ignore ({@code AddOption} with mustComply false). */
    public Builder option(String name, String value) {
      return option(name, value, false);
    }

    /**
     * Adds an option ({@code AddOption}); with {@code mustComply} the service may not ignore it.
     */
    public Builder option(String name, String value, boolean mustComply) {
      requireName(name, "option");
      options.add(new WsmanOption(name, value, mustComply));
      return this;
    }

    /** Sets {@code MustUnderstand} on the option set ({@code MustUnderstandOptions}). */
    public Builder mustUnderstandOptions(boolean value) {
      this.mustUnderstandOptions = value;
      return this;
    }

    /** The fragment path ({@code FragmentPath}). */
    public Builder fragmentPath(String path) {
      requireName(path, "fragment path");
      this.fragmentPath = path;
      return this;
    }

    /** The dialect of the fragment path ({@code FragmentDialect}). */
    public Builder fragmentDialect(String dialect) {
      requireName(dialect, "fragment dialect");
      this.fragmentDialect = dialect;
      return this;
    }

    /** Clears the selectors ({@code ClearSelectors}). */
    public Builder clearSelectors() {
      selectors.clear();
      return this;
    }

    /** Clears the options ({@code ClearOptions}). */
    public Builder clearOptions() {
      options.clear();
      return this;
    }

    /**
     * The locator.
     *
     * @throws IllegalStateException for a fragment dialect without a fragment path
     */
    public ResourceLocator build() {
      if (fragmentDialect != null && fragmentPath == null) {
        throw new IllegalStateException("a fragment dialect was set without a fragment path");
      }
      return new ResourceLocator(this);
    }

    private static void requireName(String text, String what) {
      Objects.requireNonNull(text, what);
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty " + what);
      }
    }
  }
}
