/**
 * Real peers for tests, shared by several modules' test suites (test scope only): {@link
 * org.openrms.testkit.TestTls}, a throw-away CA and TLS certificate, and {@link
 * org.openrms.testkit.FakeIdp}, an OpenID Connect issuer on Jetty.
 */
package org.openrms.testkit;
