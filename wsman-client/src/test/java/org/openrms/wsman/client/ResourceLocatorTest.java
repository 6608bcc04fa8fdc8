package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.WsmanOption;

/** ResourceLocator: resource URI, selectors, options with MustUnderstand, fragment path/dialect. */
class ResourceLocatorTest {
  private static final String SERVICE =
      "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_Service";

  @Test
  void holdsSelectorsOptionsAndFragment() {
    ResourceLocator r =
        WSMan.builder()
            .build()
            .createResourceLocator(SERVICE)
            .selector("Name", "WinRM")
            .selector("SystemName", "host")
            .option("WINRS_CODEPAGE", "65001", true)
            .option("trace", "1")
            .mustUnderstandOptions(true)
            .fragmentPath("Status")
            .fragmentDialect("http://www.w3.org/TR/1999/REC-xpath-19991116")
            .build();
    assertThat(r.resourceUri()).isEqualTo(SERVICE);
    assertThat(r.selectors())
        .containsExactly(
            java.util.Map.entry("Name", "WinRM"), java.util.Map.entry("SystemName", "host"));
    assertThat(r.options())
        .containsExactly(
            new WsmanOption("WINRS_CODEPAGE", "65001", true), WsmanOption.of("trace", "1"));
    assertThat(r.mustUnderstandOptions()).isTrue();
    assertThat(r.fragmentPath()).contains("Status");
    assertThat(r.fragmentDialect()).contains("http://www.w3.org/TR/1999/REC-xpath-19991116");
  }

  @Test
  void isImmutableAndVariantsComeFromToBuilder() {
    ResourceLocator a = ResourceLocator.builder(SERVICE).selector("Name", "A").build();
    assertThatThrownBy(() -> a.selectors().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> a.options().add(WsmanOption.of("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
    ResourceLocator b = a.toBuilder().clearSelectors().selector("Name", "B").build();
    assertThat(a.selectors()).containsEntry("Name", "A");
    assertThat(b.selectors()).containsEntry("Name", "B");
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(b).isNotEqualTo(a);
    assertThat(a.toBuilder().option("o", "v").clearOptions().build()).isEqualTo(a);
  }

  @Test
  void defaultsAreEmpty() {
    ResourceLocator r = ResourceLocator.builder(SERVICE).build();
    assertThat(r.selectors()).isEmpty();
    assertThat(r.options()).isEmpty();
    assertThat(r.mustUnderstandOptions()).isFalse();
    assertThat(r.fragmentPath()).isEmpty();
    assertThat(r.fragmentDialect()).isEmpty();
    assertThat(r.toString()).contains(SERVICE);
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> ResourceLocator.builder(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty resource URI");
    assertThatThrownBy(() -> ResourceLocator.builder("wmi/root/cimv2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not absolute");
    assertThatThrownBy(() -> ResourceLocator.builder("http://a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is malformed");
    assertThatThrownBy(() -> ResourceLocator.builder(SERVICE).selector("N", "1").selector("N", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selector 'N' is already set");
    assertThatThrownBy(() -> ResourceLocator.builder(SERVICE).option("", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty option");
    assertThatThrownBy(() -> ResourceLocator.builder(SERVICE).fragmentDialect("d").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a fragment path");
  }

  @Test
  void appliesToARequestThatSurvivesTheWire() {
    ResourceLocator r =
        ResourceLocator.builder(SERVICE)
            .selector("Name", "WinRM")
            .option("o1", "v1", true)
            .mustUnderstandOptions(true)
            .fragmentPath("Status")
            .fragmentDialect("urn:dialect")
            .build();
    Envelope request =
        r.applyTo(Envelope.request("http://h:5985/wsman", "urn:placeholder", Actions.GET)).build();
    Envelope back = new EnvelopeReader().read(new EnvelopeWriter().toBytes(request));
    assertThat(back.resourceUri()).contains(SERVICE);
    assertThat(back.selectors()).containsExactly(java.util.Map.entry("Name", "WinRM"));
    assertThat(back.options()).containsExactly(new WsmanOption("o1", "v1", true));
    assertThat(back.optionSetMustUnderstand()).isTrue();
    assertThat(back.fragmentTransfer()).contains("Status");
    String xml =
        new String(new EnvelopeWriter().toBytes(request), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(xml).contains("Dialect=\"urn:dialect\"");
  }
}
