package org.openrms.wsman;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code xs:duration} as WS-Management uses it for {@code w:OperationTimeout}, {@code
 * rsp:IdleTimeOut} and {@code n:MaxTime}: {@code PT60S}, {@code PT1.5S}, {@code P1DT2H}. Years and
 * months have no fixed length and are rejected, as are negative durations.
 */
public final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile(
          "P(?:(\\d{1,18})D)?(?:T(?=\\d)(?:(\\d{1,18})H)?(?:(\\d{1,18})M)?(?:(\\d{1,18}(?:\\.\\d{1,9})?)S)?)?");

  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 2);

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a day-time duration
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = FORMAT.matcher(t);
    if (t.equals("P") || t.endsWith("T") || !m.matches()) {
      throw new IllegalArgumentException(
          "not an xs:duration of days, hours, minutes, seconds: " + t);
    }
    BigDecimal total = BigDecimal.ZERO;
    total = total.add(part(m.group(1), 86_400));
    total = total.add(part(m.group(2), 3_600));
    total = total.add(part(m.group(3), 60));
    total = total.add(part(m.group(4), 1));
    if (total.compareTo(MAX_SECONDS) > 0) {
      throw new IllegalArgumentException("xs:duration out of range: " + t);
    }
    long seconds = total.longValue();
    BigDecimal fraction = total.subtract(BigDecimal.valueOf(seconds));
    long nanos = fraction.movePointRight(9).setScale(0, RoundingMode.DOWN).longValue();
    return Duration.ofSeconds(seconds, nanos);
  }

  private static BigDecimal part(String digits, long unitSeconds) {
    return digits == null
        ? BigDecimal.ZERO
        : new BigDecimal(digits).multiply(BigDecimal.valueOf(unitSeconds));
  }

  /**
   * Formats {@code duration} as Windows does: seconds with up to three decimals, {@code PT60S},
   * {@code PT1.5S}, {@code PT7200.000S} is written {@code PT7200S}.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    BigDecimal seconds =
        BigDecimal.valueOf(duration.getSeconds())
            .add(BigDecimal.valueOf(duration.getNano(), 9))
            .stripTrailingZeros();
    if (seconds.scale() < 0) {
      seconds = seconds.setScale(0);
    }
    return "PT" + seconds.toPlainString() + "S";
  }
}
