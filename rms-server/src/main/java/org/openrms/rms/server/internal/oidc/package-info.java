/** Internals of OpenID Connect ID-token validation: key fetching and caching, claim checks. */
package org.openrms.rms.server.internal.oidc;
