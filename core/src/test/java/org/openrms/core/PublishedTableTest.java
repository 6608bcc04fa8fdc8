package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the {@link HResult} enum against an independent transcription of the published error-code
 * table (test resource {@code ad-rms-error-codes.txt}): every published name must exist with
 * exactly the published value, and the enum must hold no DRM code the table lacks, except the
 * documented erratum rows.
 */
class PublishedTableTest {
  private static final Pattern ENTRY = Pattern.compile("\\b([0-9A-F]{4}) ([A-Z][A-Z_]+)\\b");

  @Test
  void everyPublishedCodeHasExactlyThePublishedValue() throws IOException {
    Map<String, Integer> published = read();
    assertThat(published).hasSizeGreaterThan(100);
    for (Map.Entry<String, Integer> e : published.entrySet()) {
      HResult h = HResult.valueOf(e.getKey());
      assertThat(h.value()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void theEnumHasNoDrmCodeBeyondTheTableAndTheErratumRows() throws IOException {
    Map<String, Integer> published = read();
    for (HResult h : HResult.values()) {
      boolean drm = h.name().startsWith("E_DRM_") || h.name().startsWith("S_DRM_");
      int code = h.value() & 0xFFFF;
      boolean erratum = code >= 0xCF50 && code <= 0xCF53 || code == 0xCF77 || code == 0xCF78;
      if (drm && !erratum && h != HResult.E_DRM_INSUFFICIENT_BUFFER) {
        assertThat(published)
            .as("%s is not in the published table", h.name())
            .containsKey(h.name());
      }
    }
  }

  private static Map<String, Integer> read() throws IOException {
    String text;
    try (InputStream in = PublishedTableTest.class.getResourceAsStream("ad-rms-error-codes.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      boolean success = line.startsWith("SUCCESS ");
      Matcher m = ENTRY.matcher(line);
      while (m.find()) {
        int code = Integer.parseInt(m.group(1), 16);
        String name = (success ? "S_DRM_" : "E_DRM_") + m.group(2);
        out.put(name, (success ? 0x00040000 : 0x80040000) | code);
      }
    }
    return out;
  }
}
