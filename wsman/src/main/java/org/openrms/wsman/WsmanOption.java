package org.openrms.wsman;

import java.util.Objects;

/**
 * One {@code w:Option} of a {@code w:OptionSet}, such as {@code WINRS_CODEPAGE=437}.
 *
 * @param name the {@code Name} attribute
 * @param value the text
 * @param mustComply the {@code MustComply} attribute: the service must fail rather than ignore it
 */
public record WsmanOption(String name, String value, boolean mustComply) {
  /** Checks the fields. */
  public WsmanOption {
    Objects.requireNonNull(name, "name");
    value = value == null ? "" : value;
  }

  /** An option the service may ignore. */
  public static WsmanOption of(String name, String value) {
    return new WsmanOption(name, value, false);
  }
}
