package org.openrms.rms.client;

import java.net.URI;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * A client session ({@code DRMCreateClientSession}): bound to a group-ID type and an optional
 * e-mail group ID, it activates the machine and the user, reads the license store and locates
 * services, and hosts {@link LicenseStorageSession}s. Create one with {@link
 * RightsClient#createClientSession}.
 *
 * <h2>Handles</h2>
 *
 * A {@code ClientSession} object is a handle. {@link #duplicate()} returns a new handle on the same
 * session (a reference count, as {@code DRMDuplicateSession}); {@link #close()} closes one handle
 * and is idempotent per handle. When the last handle closes, the session's state is released and
 * every secret it held in memory (machine private key bytes, unsealed RAC key bytes) is overwritten
 * with zeros. Every method except {@code close} and {@code isOpen} throws {@link DrmException} with
 * {@link HResult#E_DRM_INVALID_HANDLE} on a closed handle.
 *
 * <h2>Group ID</h2>
 *
 * The rights account certificate (RAC) is always issued for the identity the server authenticated
 * (the {@link RightsClient}'s credentials) with the e-mail the server's directory holds for it. If
 * that e-mail is not the session's group ID, activation still completes and stores the RAC, but
 * {@link #isActivated isActivated(GROUPIDENTITY)} is {@code false} and {@link
 * EnumerationFlag#SPECIFIED_GROUPIDENTITY} finds nothing for this session. A session with a {@code
 * null} group ID is meant for {@link #getServiceLocation} only.
 *
 * <p>Thread-safe: handles may be used from any thread. One activation at a time per session.
 */
public interface ClientSession extends AutoCloseable {
  /** A new handle on the same session; close it separately. */
  ClientSession duplicate();

  /**
   * Closes this handle. Idempotent. Closing the last handle releases the session and zeroes its
   * secrets; an activation still in progress is cancelled.
   *
   * @throws DrmException with {@link HResult#E_FAIL} if this is the last handle and license storage
   *     sessions of this session are still open; nothing is closed then
   */
  @Override
  void close();

  /** Whether this handle is open. */
  boolean isOpen();

  /** The session's e-mail group ID, or {@code null}. */
  String groupId();

  /** The session's group-ID provider type. */
  GroupIdType groupIdType();

  /**
   * Opens a license storage session for an issuance license. Issuance licenses are not parsed yet
   * (publishing comes later): any non-blank string is accepted and kept.
   *
   * @throws DrmException {@link HResult#E_INVALIDARG} for a {@code null} or blank issuance license
   */
  LicenseStorageSession createLicenseStorageSession(String issuanceLicense);

  /**
   * Starts an activation and returns at once ({@code DRMActivate}).
   *
   * <p>Invalid input is reported by throwing {@link DrmException} synchronously: {@link
   * HResult#E_INVALIDARG} for broken flag rules (see {@link ActivationFlag}), a {@code null} info
   * with {@code SILENT|GROUPIDENTITY}, or silent {@link GroupIdType#PASSPORT} activation; {@link
   * HResult#E_DRM_GROUPID_NOT_SET} for user activation on a session without group ID; {@link
   * HResult#E_DRM_ALREADY_IN_PROGRESS} while another activation of this session runs. Everything
   * else, including every network and server failure, is reported through the {@link
   * StatusCallback} and the returned future.
   *
   * <p>Machine activation ({@code MACHINE|SILENT}) creates a key pair, has the configured server
   * certify it, and stores key and certificate chain, replacing a previous machine activation. User
   * activation ({@code GROUPIDENTITY}) requires a machine activation and adds another RAC to the
   * store: with {@code SILENT} it uses {@code info.url()}; without {@code SILENT} it uses the
   * configured {@link RightsClient.Builder#serviceUrl service URL}'s certification endpoint, and
   * the client's configured credentials stand in for the password dialog of the C API (there is no
   * user interface). {@code CANCEL} cancels the activation in progress and returns its future, or
   * an already completed future with {@link HResult#S_OK} if there is none.
   *
   * @param flags the {@link ActivationFlag}s
   * @param info the certification service; required for silent user activation, ignored for machine
   *     activation
   * @param context passed back unchanged to every callback of this activation
   */
  ActivationFuture activate(Set<ActivationFlag> flags, ActivationServiceInfo info, Object context);

  /**
   * Whether the machine or the user of this session is activated ({@code DRMIsActivated}).
   *
   * <p>{@link ActivationFlag#MACHINE}: the store holds a machine key and a machine certificate that
   * chains to a trusted root, is valid at the client's clock (with the validity tolerance) and
   * names this machine's fingerprint (a store copied from another machine or user is not
   * activated). {@link ActivationFlag#GROUPIDENTITY}: the machine is activated and the store holds
   * a RAC, valid at the client's clock, sealed to the current machine key, whose e-mail is this
   * session's group ID (case-insensitive).
   *
   * @param flag exactly {@link ActivationFlag#MACHINE} or {@link ActivationFlag#GROUPIDENTITY}
   * @throws DrmException {@link HResult#E_INVALIDARG} for another flag, {@link
   *     HResult#E_DRM_GROUPID_NOT_SET} for GROUPIDENTITY on a session without group ID
   */
  boolean isActivated(ActivationFlag flag);

  /**
   * Returns one item of the license store ({@code DRMEnumerateLicense}); iterate {@code index} from
   * 0 until {@link HResult#E_DRM_NO_MORE_DATA}.
   *
   * <p>Exactly one of {@link EnumerationFlag#MACHINE} (index 0: the machine certificate PEM chain),
   * {@link EnumerationFlag#GROUPIDENTITY} (RAC PEM chains), {@link
   * EnumerationFlag#GROUPIDENTITY_NAME} (their e-mails), {@link EnumerationFlag#GROUPIDENTITY_LID}
   * (their license IDs) or {@link EnumerationFlag#SPECIFIED_GROUPIDENTITY} (RAC chains whose e-mail
   * is the session's group ID), optionally with {@link EnumerationFlag#EXPIRED} to include items
   * that are not valid. As in msdrm, RACs count as valid if they were valid when the session was
   * created (by the client's clock; duplicates share that time), so an enumeration from one session
   * stays stable while time passes; create a new session to see the store as of now. The machine
   * certificate, like {@link #isActivated}, is judged at call time: it is one item whose validity
   * decides whether anything can be done now. RACs come in the order they were stored.
   *
   * @throws DrmException {@link HResult#E_DRM_NO_MORE_DATA} past the end; {@link
   *     HResult#E_DRM_NEEDS_MACHINE_ACTIVATION} for MACHINE when not activated; {@link
   *     HResult#E_DRM_GROUPID_NOT_SET} for SPECIFIED_GROUPIDENTITY without group ID; {@link
   *     HResult#E_INVALIDARG} for other flag combinations or a negative index; {@link
   *     HResult#E_FAIL} naming the file if a store file is corrupt
   */
  LicenseEntry enumerateLicense(Set<EnumerationFlag> flags, int index);

  /**
   * Deletes a rights account certificate by license ID (from {@link
   * EnumerationFlag#GROUPIDENTITY_LID}), for example an expired temporary one.
   *
   * @throws DrmException {@link HResult#E_DRM_RECORD_NOT_FOUND} if no license has that ID
   */
  void deleteLicense(String licenseId);

  /**
   * Finds a service URL ({@code DRMGetServiceLocation}). Blocks for the network request.
   *
   * <p>{@link ServiceLocation#ENTERPRISE}: asks the configured server ({@code GET
   * <serviceUrl>/service-locations}) for the URL of the one requested service type ({@link
   * ServiceType#SILENT} may be added and is ignored). {@link ServiceLocation#INTERNET}: there is no
   * internet discovery; {@link ServiceType#ACTIVATION}/{@link ServiceType#CERTIFICATION} give
   * {@link HResult#E_DRM_USE_DEFAULT}, the others {@link HResult#E_DRM_SERVICE_NOT_FOUND}. Works on
   * a session without group ID.
   *
   * @throws DrmException {@link HResult#E_DRM_SERVICE_NOT_FOUND} if the server does not offer the
   *     service (or no service URL is configured), {@link HResult#E_INVALIDARG} for zero or several
   *     service types, or the HRESULT of the transport or server failure (for example {@link
   *     HResult#E_DRM_NO_CONNECT}, {@link HResult#E_DRM_SERVICE_MOVED})
   */
  URI getServiceLocation(Set<ServiceType> types, ServiceLocation location);
}
