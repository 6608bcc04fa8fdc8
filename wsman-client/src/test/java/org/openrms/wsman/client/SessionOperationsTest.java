package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.WsmanOption;
import org.openrms.wsman.server.ResourceRequest;
import org.openrms.wsman.server.WsmanListener;

/** Every Session operation against a real WsmanListener with a test resource. */
class SessionOperationsTest {
  static final Things THINGS = new Things();
  static WsmanListener listener;
  Session session;

  @BeforeAll
  static void start() {
    listener = Listeners.start(b -> b.resource(THINGS));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @BeforeEach
  void open() {
    THINGS.store.clear();
    THINGS.seen.clear();
    THINGS.count = 55;
    THINGS.store.put("1", Things.thing("one"));
    session = Listeners.basic(listener);
  }

  @AfterEach
  void close() {
    session.close();
  }

  private static ResourceLocator thing(String id) {
    return ResourceLocator.builder(Things.URI).selector("Id", id).build();
  }

  private ResourceRequest last() {
    return THINGS.seen.get(THINGS.seen.size() - 1);
  }

  @Test
  void createsASessionObjectThatCanThenBeUsedForSubsequentNetworkOperations() {
    // Creating contacts nothing; the same object then carries several network operations.
    int before = THINGS.seen.size();
    assertThat(session.isClosed()).isFalse();
    assertThat(THINGS.seen).hasSize(before);
    assertThat(session.identify().productVendor()).isEqualTo("OpenRMS");
    assertThat(session.get(thing("1"))).contains("one");
    session.delete(thing("1"));
    assertThat(THINGS.seen).hasSize(before + 2);
  }

  @Test
  void otherwiseItReturnsAnHresultErrorCode() {
    // Java throws instead of returning; the fault carries the HRESULT-shaped WSManFault code
    // (facility 0x33, WinRM) that WSMan.getErrorMessage explains, and Session.error keeps it.
    assertThatThrownBy(() -> session.get(thing("no-such-thing")))
        .isInstanceOfSatisfying(
            WsmanFaultException.class,
            e -> {
              long code = e.fault().wsmanCode();
              assertThat(code >>> 31).as("severity bit").isEqualTo(1);
              assertThat((code >>> 16) & 0x7ff).as("facility").isEqualTo(0x33);
              assertThat(WSMan.builder().build().getErrorMessage(code)).isNotBlank();
              assertThat(session.error()).contains(Long.toString(code));
            });
  }

  @Test
  void identifyAnswersWithTheProductAndItsSecurityProfiles() {
    IdentifyResponse id = session.identify();
    assertThat(id.protocolVersion()).isEqualTo(Namespaces.WSMAN);
    assertThat(id.productVendor()).isEqualTo("OpenRMS");
    assertThat(id.securityProfiles()).isNotEmpty();
  }

  @Test
  void anUnauthenticatedIdentifyNeedsNoCredentialsAndListsNoProfiles() {
    // The loopback default is Negotiate, which needs a context: Identify works without one.
    try (Session s =
        WSMan.builder().build().createSession(listener.httpUri().toString(), 0, null)) {
      assertThat(s.plan().mechanism()).isEqualTo(AuthMechanism.NEGOTIATE);
      IdentifyResponse id = s.identifyUnauthenticated();
      assertThat(id.securityProfiles()).isEmpty();
    }
  }

  @Test
  void getReturnsTheResourceNamedByItsSelectors() {
    String xml = session.get(thing("1"));
    assertThat(xml).contains("<t:Name>one</t:Name>").contains("xmlns:t=\"" + Things.URI + "\"");
    assertThat(last().selectors()).containsEntry("Id", "1");
    assertThat(session.error()).isEmpty();
  }

  @Test
  void selectorsAndOptionsGoIntoTheHeadersAsMsWsmvSays() {
    ResourceLocator r =
        thing("1").toBuilder().option("opt", "v", true).mustUnderstandOptions(true).build();
    session.get(r);
    Envelope e = last().envelope();
    assertThat(e.selectors()).containsExactly(java.util.Map.entry("Id", "1"));
    assertThat(e.options()).containsExactly(new WsmanOption("opt", "v", true));
    assertThat(e.optionSetMustUnderstand()).isTrue();
    assertThat(e.maxEnvelopeSize()).hasValue(WSMan.DEFAULT_MAX_ENVELOPE_SIZE);
    assertThat(e.maxEnvelopeSizeMustUnderstand()).isTrue();
    assertThat(e.operationTimeout()).contains(java.time.Duration.ofSeconds(60));
    assertThat(e.action()).contains(Actions.GET);
    assertThat(e.resourceUri()).contains(Things.URI);
  }

  @Test
  void aFragmentTransferIsSentMustUnderstandSoAListenerWithoutFragmentsRefusesIt() {
    ResourceLocator r =
        thing("1").toBuilder()
            .fragmentPath("Name")
            .fragmentDialect("http://www.w3.org/TR/1999/REC-xpath-19991116")
            .build();
    assertThatThrownBy(() -> session.get(r))
        .isInstanceOfSatisfying(
            WsmanFaultException.class,
            f -> assertThat(f.type()).isEqualTo(org.openrms.wsman.FaultType.MUST_UNDERSTAND));
  }

  @Test
  void theOperationTimeoutFollowsTheSessionTimeout() {
    session.setTimeout(2500);
    session.get(thing("1"));
    assertThat(last().envelope().operationTimeout()).contains(java.time.Duration.ofMillis(2500));
  }

  @Test
  void putReplacesTheResourceAndReturnsTheNewRepresentation() {
    String back =
        session.put(
            thing("1"), "<t:Thing xmlns:t=\"" + Things.URI + "\"><t:Name>uno</t:Name></t:Thing>");
    assertThat(back).contains("uno");
    assertThat(session.get(thing("1"))).contains("uno");
  }

  @Test
  void createReturnsTheEndpointReferenceOfTheNewResource() {
    String epr =
        session.create(
            Things.URI,
            "<?xml version=\"1.0\"?><t:Thing xmlns:t=\""
                + Things.URI
                + "\"><t:Name>new</t:Name></t:Thing>");
    assertThat(epr).contains("ResourceCreated").contains("Name=\"Id\"");
    assertThat(THINGS.store).hasSize(2);
  }

  @Test
  void deleteRemovesAndAGetAfterwardsIsAnInvalidSelectorsFault() {
    session.delete(thing("1"));
    assertThat(THINGS.store).isEmpty();
    assertThatThrownBy(() -> session.get(thing("1")))
        .isInstanceOf(WsmanFaultException.InvalidSelectors.class)
        .hasMessageContaining("no thing with Id 1");
    assertThat(session.error()).contains("WSManFault").contains("2150858843");
  }

  @Test
  void anUnknownActionIsAnActionNotSupportedFault() {
    assertThatThrownBy(() -> session.invoke("Triple", Things.URI, "<t:x xmlns:t=\"urn:x\">1</t:x>"))
        .isInstanceOf(WsmanFaultException.ActionNotSupported.class);
  }

  @Test
  void anUnknownResourceIsADestinationUnreachableFault() {
    assertThatThrownBy(() -> session.get("http://example.org/wsman/nothing"))
        .isInstanceOf(WsmanFaultException.DestinationUnreachable.class);
  }

  @Test
  void invokeSendsTheMethodAsResourceUriSlashName() {
    String out =
        session.invoke(
            "Double",
            Things.URI,
            "<t:Double_INPUT xmlns:t=\"" + Things.URI + "\">21</t:Double_INPUT>");
    assertThat(out).contains(">42<");
    assertThat(last().action()).isEqualTo(Things.URI + "/Double");
  }

  @Test
  void enumerateReadsManyItemsAcrossSeveralPulls() {
    session.setBatchItems(10);
    int pullsBefore = THINGS.pulls.get();
    int releasesBefore = THINGS.releases.get();
    List<String> items = new ArrayList<>();
    try (Enumerator e = session.enumerate(Things.URI)) {
      while (!e.atEndOfStream()) {
        items.add(e.readItem());
      }
      assertThatThrownBy(e::readItem).isInstanceOf(NoSuchElementException.class);
    }
    assertThat(items).hasSize(55);
    assertThat(items.get(0)).contains("item-0");
    assertThat(items.get(54)).contains("item-54");
    assertThat(THINGS.pulls.get() - pullsBefore)
        .as("10 with the Enumerate, then 5 Pulls")
        .isEqualTo(5);
    assertThat(THINGS.releases.get()).as("no Release after the end").isEqualTo(releasesBefore);
  }

  @Test
  void enumeratePullsLazilyOnlyWhenABatchIsUsedUp() {
    session.setBatchItems(10);
    int pullsBefore = THINGS.pulls.get();
    try (Enumerator e = session.enumerate(Things.URI)) {
      for (int i = 0; i < 10; i++) {
        e.readItem();
      }
      assertThat(THINGS.pulls.get()).isEqualTo(pullsBefore);
      e.readItem();
      assertThat(THINGS.pulls.get()).isEqualTo(pullsBefore + 1);
    }
  }

  @Test
  void closingAnEnumeratorBeforeTheEndReleasesItsContext() {
    int before = THINGS.releases.get();
    session.setBatchItems(5);
    Enumerator e = session.enumerate(Things.URI);
    e.readItem();
    e.close();
    e.close();
    assertThat(THINGS.releases.get()).isEqualTo(before + 1);
    assertThat(THINGS.contexts).isEmpty();
  }

  @Test
  void returnEprAsksForEndpointReferencesAndSendsTheFilterWithItsDialect() {
    THINGS.count = 3;
    Set<EnumerationFlag> flags = EnumSet.of(EnumerationFlag.RETURN_EPR);
    try (Enumerator e =
        session.enumerate(
            ResourceLocator.builder(Things.URI).build(),
            "select * from Thing",
            Namespaces.DIALECT_WQL,
            flags)) {
      assertThat(e.readItem()).contains("EndpointReference").contains("item-0");
    }
    ResourceRequest enumerate =
        THINGS.seen.stream()
            .filter(r -> r.action().equals(Actions.ENUMERATE))
            .findFirst()
            .orElseThrow();
    var body = enumerate.body().orElseThrow();
    var w = new javax.xml.namespace.QName(Namespaces.WSMAN, "EnumerationMode");
    assertThat(body.childText(w)).contains("EnumerateEPR");
    var filter =
        body.child(new javax.xml.namespace.QName(Namespaces.WSMAN, "Filter")).orElseThrow();
    assertThat(filter.attribute("Dialect")).contains(Namespaces.DIALECT_WQL);
    assertThat(filter.text()).isEqualTo("select * from Thing");
  }

  @Test
  void aFilterStartingWithLessThanIsTextWithNonXmlText() {
    THINGS.count = 1;
    try (Enumerator e =
        session.enumerate(
            ResourceLocator.builder(Things.URI).build(),
            "<25 && > 1",
            "urn:dialect",
            EnumSet.of(EnumerationFlag.NON_XML_TEXT))) {
      e.readItem();
    }
    ResourceRequest enumerate =
        THINGS.seen.stream()
            .filter(r -> r.action().equals(Actions.ENUMERATE))
            .findFirst()
            .orElseThrow();
    assertThat(
            enumerate
                .body()
                .orElseThrow()
                .child(new javax.xml.namespace.QName(Namespaces.WSMAN, "Filter"))
                .orElseThrow()
                .text())
        .isEqualTo("<25 && > 1");
  }

  @Test
  void allOperationsOfASessionShareOneKeptAliveConnection() {
    session.get(thing("1"));
    session.get(thing("1"));
    session.put(thing("1"), "<t:Thing xmlns:t=\"" + Things.URI + "\"/>");
    assertThat(THINGS.seen.stream().map(ResourceRequest::remoteAddress).distinct()).hasSize(1);
  }

  @Test
  void badXmlForPutIsRefusedBeforeAnythingIsSent() {
    int before = THINGS.seen.size();
    assertThatThrownBy(() -> session.put(thing("1"), "<unclosed>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
    assertThat(THINGS.seen).hasSize(before);
  }

  @Test
  void aClosedSessionRefusesOperationsAndCloseIsIdempotent() {
    session.close();
    session.close();
    assertThat(session.isClosed()).isTrue();
    assertThatThrownBy(() -> session.get(thing("1"))).isInstanceOf(IllegalStateException.class);
  }
}
