/** Internals of the LDAP and Active Directory identity directory. */
package org.openrms.rms.server.internal.ldap;
