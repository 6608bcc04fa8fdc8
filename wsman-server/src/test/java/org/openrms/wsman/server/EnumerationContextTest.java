package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

/** Enumeration contexts are capped per account, so one account cannot evict another's. */
class EnumerationContextTest {
  private static final QName CONTEXT = new QName(Namespaces.ENUMERATION, "EnumerationContext");

  private static String enumerate(ShellClient c) throws Exception {
    return c.ok(c.request(Actions.ENUMERATE, null).body(ShellFaultTest.enumerate(false, 0)).build())
        .bodyElement()
        .orElseThrow()
        .childText(CONTEXT)
        .orElseThrow();
  }

  private static XmlElement pull(String context) {
    return XmlElement.builder(new QName(Namespaces.ENUMERATION, "Pull", "n"))
        .child(new QName(Namespaces.ENUMERATION, "EnumerationContext", "n"), context)
        .build();
  }

  @Test
  void anotherAccountOpeningManyContextsDoesNotEvictMine() throws Exception {
    LocalAccounts accounts = TestListeners.ACCOUNTS.withAccount("bob", "bob-pw".toCharArray());
    try (WsmanListener l = TestListeners.start(b -> b.accounts(accounts));
        ShellClient alice = new ShellClient(l);
        ShellClient bob = new ShellClient(l)) {
      bob.authorization = RawConnection.basic("bob", "bob-pw");
      String mine = enumerate(alice);
      String bobsFirst = enumerate(bob);
      for (int i = 0; i < ItemEnumerations.MAX_CONTEXTS; i++) {
        enumerate(bob);
      }
      // Alice's context survives; bob's oldest went to make room for his newer ones.
      assertThat(alice.ok(alice.request(Actions.PULL, null).body(pull(mine)).build()).body())
          .isNotNull();
      assertThat(bob.fault(bob.request(Actions.PULL, null).body(pull(bobsFirst)).build()).type())
          .isEqualTo(FaultType.INVALID_ENUMERATION_CONTEXT);
    }
  }
}
