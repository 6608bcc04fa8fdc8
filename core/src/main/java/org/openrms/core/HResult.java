package org.openrms.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every HRESULT of the AD RMS client API (msdrmerror.h, "AD RMS Function Error Codes"), plus the
 * few common Windows HRESULTs the API returns ({@code S_OK}, {@code E_INVALIDARG}, ...).
 *
 * <p>Each constant has its exact 32-bit value ({@link #value()}, a signed Java {@code int}) and a
 * one-line meaning. {@link #fromValue(int)} is the reverse lookup. The values 0x8004CF50 to
 * 0x8004CF53, 0x8004CF77 and 0x8004CF78 follow the .NET {@code RightsManagementFailureCode} enum,
 * because the published error-code page contradicts itself for those rows; where the page gives a C
 * name for one of them (CF52 RIGHT_NOT_SET, CF53 BIND_NTLM_FAIL) that name is used.
 */
public enum HResult {
  /** Success. */
  S_OK(0x00000000, "The operation succeeded."),
  /** The request is prepared. */
  S_DRM_REQUEST_PREPARED(0x0004CF00, "The request is prepared."),
  /** The computer or user is already activated. */
  S_DRM_ALREADY_ACTIVATED(0x0004CF01, "The computer or user is already activated."),
  /** Connecting to the server. */
  S_DRM_CONNECTING(0x0004CF02, "Connecting to the server."),
  /** Connected to the server. */
  S_DRM_CONNECTED(0x0004CF03, "Connected to the server."),
  /** The operation completed. */
  S_DRM_COMPLETED(0x0004CF04, "The operation completed."),
  /** The operation is in progress. */
  S_DRM_INPROGRESS(0x0004CF05, "The operation is in progress."),
  /** The manifest violates the platform policy. */
  E_DRM_MANIFEST_POLICY_VIOLATION(0x8004930C, "The manifest violates the platform policy."),
  /** The license is not valid. */
  E_DRM_INVALID_LICENSE(0x8004CF00, "The license is not valid."),
  /** The requested information is not in the license. */
  E_DRM_INFO_NOT_IN_LICENSE(0x8004CF01, "The requested information is not in the license."),
  /** The license signature is not valid. */
  E_DRM_INVALID_LICENSE_SIGNATURE(0x8004CF02, "The license signature is not valid."),
  /** Encryption is not permitted. */
  E_DRM_ENCRYPTION_NOT_PERMITTED(0x8004CF04, "Encryption is not permitted."),
  /** The requested right was not granted. */
  E_DRM_RIGHT_NOT_GRANTED(0x8004CF05, "The requested right was not granted."),
  /** The version is not valid. */
  E_DRM_INVALID_VERSION(0x8004CF06, "The version is not valid."),
  /** The encoding type is not valid. */
  E_DRM_INVALID_ENCODING_TYPE(0x8004CF07, "The encoding type is not valid."),
  /** A numerical value is not valid. */
  E_DRM_INVALID_NUMERICAL_VALUE(0x8004CF08, "A numerical value is not valid."),
  /** The algorithm type is not valid. */
  E_DRM_INVALID_ALGORITHM_TYPE(0x8004CF09, "The algorithm type is not valid."),
  /** The environment is not loaded. */
  E_DRM_ENV_NOT_LOADED(0x8004CF0A, "The environment is not loaded."),
  /** The environment cannot be loaded. */
  E_DRM_ENV_CANNOT_LOAD(0x8004CF0B, "The environment cannot be loaded."),
  /** Too many environments are loaded. */
  E_DRM_TOO_MANY_LOADED_ENVIRONMENTS(0x8004CF0C, "Too many environments are loaded."),
  /** The objects are incompatible. */
  E_DRM_INCOMPATIBLE_OBJECTS(0x8004CF0E, "The objects are incompatible."),
  /** A library operation failed. */
  E_DRM_LIB_FAIL(0x8004CF0F, "A library operation failed."),
  /** The enabling principal failed. */
  E_DRM_ENABLING_PRINCIPAL_FAILURE(0x8004CF10, "The enabling principal failed."),
  /** The requested information is not present. */
  E_DRM_INFO_NOT_PRESENT(0x8004CF11, "The requested information is not present."),
  /** The information query is not valid. */
  E_DRM_BAD_GET_INFO_QUERY(0x8004CF12, "The information query is not valid."),
  /** The key type is not supported. */
  E_DRM_KEY_TYPE_UNSUPPORTED(0x8004CF13, "The key type is not supported."),
  /** The cryptographic operation is not supported. */
  E_DRM_CRYPTO_OPERATION_UNSUPPORTED(0x8004CF14, "The cryptographic operation is not supported."),
  /** The system clock was set back. */
  E_DRM_CLOCK_ROLL_BACK_DETECTED(0x8004CF15, "The system clock was set back."),
  /** The query returned no results. */
  E_DRM_QUERY_REPORTS_NO_RESULTS(0x8004CF16, "The query returned no results."),
  /** An unexpected exception occurred. */
  E_DRM_UNEXPECTED_EXCEPTION(0x8004CF17, "An unexpected exception occurred."),
  /** Binding failed: the license is outside its validity time. */
  E_DRM_BIND_VALIDITY_TIME_VIOLATED(
      0x8004CF18, "Binding failed: the license is outside its validity time."),
  /** The certificate chain is broken. */
  E_DRM_BROKEN_CERT_CHAIN(0x8004CF19, "The certificate chain is broken."),
  /** Binding failed: policy violation. */
  E_DRM_BIND_POLICY_VIOLATION(0x8004CF1B, "Binding failed: policy violation."),
  /** Binding failed: the license is revoked. */
  E_DRM_BIND_REVOKED_LICENSE(0x8004CF1C, "Binding failed: the license is revoked."),
  /** Binding failed: the issuer is revoked. */
  E_DRM_BIND_REVOKED_ISSUER(0x8004CF1D, "Binding failed: the issuer is revoked."),
  /** Binding failed: the principal is revoked. */
  E_DRM_BIND_REVOKED_PRINCIPAL(0x8004CF1E, "Binding failed: the principal is revoked."),
  /** Binding failed: the resource is revoked. */
  E_DRM_BIND_REVOKED_RESOURCE(0x8004CF1F, "Binding failed: the resource is revoked."),
  /** Binding failed: a module is revoked. */
  E_DRM_BIND_REVOKED_MODULE(0x8004CF20, "Binding failed: a module is revoked."),
  /** Binding failed: the content is not in the end-user license. */
  E_DRM_BIND_CONTENT_NOT_IN_EUL(
      0x8004CF21, "Binding failed: the content is not in the end-user license."),
  /** Binding failed: the access principal is not enabling. */
  E_DRM_BIND_ACCESS_PRINCIPAL_NOT_ENABLING(
      0x8004CF22, "Binding failed: the access principal is not enabling."),
  /** Binding failed: access conditions are not satisfied. */
  E_DRM_BIND_ACCESS_UNSATISFIED(0x8004CF23, "Binding failed: access conditions are not satisfied."),
  /** Binding failed: the indicated principal is missing. */
  E_DRM_BIND_INDICATED_PRINCIPAL_MISSING(
      0x8004CF24, "Binding failed: the indicated principal is missing."),
  /** Binding failed: the machine is not in the group identity. */
  E_DRM_BIND_MACHINE_NOT_FOUND_IN_GROUP_IDENTITY(
      0x8004CF25, "Binding failed: the machine is not in the group identity."),
  /** The library plug-in is not supported. */
  E_DRM_LIB_UNSUPPORTED_PLUGIN(0x8004CF26, "The library plug-in is not supported."),
  /** Binding failed: the revocation list is stale. */
  E_DRM_BIND_REVOCATION_LIST_STALE(0x8004CF27, "Binding failed: the revocation list is stale."),
  /** Binding failed: no applicable revocation list. */
  E_DRM_BIND_NO_APPLICABLE_REVOCATION_LIST(
      0x8004CF28, "Binding failed: no applicable revocation list."),
  /** The handle is not valid (closed, never opened, or of the wrong kind). */
  E_DRM_INVALID_HANDLE(
      0x8004CF2C, "The handle is not valid (closed, never opened, or of the wrong kind)."),
  /** Binding failed: the interval time was exceeded. */
  E_DRM_BIND_INTERVALTIME_VIOLATED(0x8004CF2F, "Binding failed: the interval time was exceeded."),
  /** Binding failed: no rights group is satisfied. */
  E_DRM_BIND_NO_SATISFIED_RIGHTS_GROUP(0x8004CF30, "Binding failed: no rights group is satisfied."),
  /** Binding failed: the specified work is missing. */
  E_DRM_BIND_SPECIFIED_WORK_MISSING(0x8004CF31, "Binding failed: the specified work is missing."),
  /** There are no more items to enumerate. */
  E_DRM_NO_MORE_DATA(0x8004CF33, "There are no more items to enumerate."),
  /** License acquisition failed. */
  E_DRM_LICENSEACQUISITIONFAILED(0x8004CF34, "License acquisition failed."),
  /** The identifier does not match. */
  E_DRM_ID_MISMATCH(0x8004CF35, "The identifier does not match."),
  /** There are too many certificates. */
  E_DRM_TOO_MANY_CERTS(0x8004CF36, "There are too many certificates."),
  /** No distribution point URL was found. */
  E_DRM_NO_DPURL_FOUND(0x8004CF37, "No distribution point URL was found."),
  /** The operation is already in progress. */
  E_DRM_ALREADY_IN_PROGRESS(0x8004CF38, "The operation is already in progress."),
  /** The session has no group ID (e-mail) set. */
  E_DRM_GROUPID_NOT_SET(0x8004CF39, "The session has no group ID (e-mail) set."),
  /** The record was not found. */
  E_DRM_RECORD_NOT_FOUND(0x8004CF3A, "The record was not found."),
  /** Cannot connect to the rights management server. */
  E_DRM_NO_CONNECT(0x8004CF3B, "Cannot connect to the rights management server."),
  /** No license was found. */
  E_DRM_NO_LICENSE(0x8004CF3C, "No license was found."),
  /** The computer must be activated first. */
  E_DRM_NEEDS_MACHINE_ACTIVATION(0x8004CF3D, "The computer must be activated first."),
  /** The user must be activated first. */
  E_DRM_NEEDS_GROUPIDENTITY_ACTIVATION(0x8004CF3E, "The user must be activated first."),
  /** Activation failed. */
  E_DRM_ACTIVATIONFAILED(0x8004CF40, "Activation failed."),
  /** The operation was cancelled. */
  E_DRM_ABORTED(0x8004CF41, "The operation was cancelled."),
  /** The quota was exceeded. */
  E_DRM_OUT_OF_QUOTA(0x8004CF42, "The quota was exceeded."),
  /** The user could not be authenticated. */
  E_DRM_AUTHENTICATION_FAILED(0x8004CF43, "The user could not be authenticated."),
  /** A general server error occurred. */
  E_DRM_SERVER_ERROR(0x8004CF44, "A general server error occurred."),
  /** Installation failed. */
  E_DRM_INSTALLATION_FAILED(0x8004CF45, "Installation failed."),
  /** The hardware identifier is corrupted. */
  E_DRM_HID_CORRUPTED(0x8004CF46, "The hardware identifier is corrupted."),
  /** The server response is not valid. */
  E_DRM_INVALID_SERVER_RESPONSE(0x8004CF47, "The server response is not valid."),
  /** The service was not found. */
  E_DRM_SERVICE_NOT_FOUND(0x8004CF48, "The service was not found."),
  /** Use the default service location. */
  E_DRM_USE_DEFAULT(0x8004CF49, "Use the default service location."),
  /** The rights management server was not found. */
  E_DRM_SERVER_NOT_FOUND(0x8004CF4A, "The rights management server was not found."),
  /** The e-mail address is not valid. */
  E_DRM_INVALID_EMAIL(0x8004CF4B, "The e-mail address is not valid."),
  /** The certificate is outside its validity time. */
  E_DRM_VALIDITYTIME_VIOLATION(0x8004CF4C, "The certificate is outside its validity time."),
  /** A module is outdated. */
  E_DRM_OUTDATED_MODULE(0x8004CF4D, "A module is outdated."),
  /** A required value is not set. */
  E_DRM_NOT_SET(0x8004CF4E, "A required value is not set."),
  /** The metadata is not set. */
  E_DRM_METADATA_NOT_SET(0x8004CF4F, "The metadata is not set."),
  /** The revocation information is not set. */
  E_DRM_REVOCATIONINFO_NOT_SET(0x8004CF50, "The revocation information is not set."),
  /** The time information is not valid. */
  E_DRM_INVALID_TIMEINFO(0x8004CF51, "The time information is not valid."),
  /** The right is not set. */
  E_DRM_RIGHT_NOT_SET(0x8004CF52, "The right is not set."),
  /** Binding the license to the Windows identity (NTLM) failed. */
  E_DRM_BIND_NTLM_FAIL(0x8004CF53, "Binding the license to the Windows identity (NTLM) failed."),
  /** The issuance license template is not valid. */
  E_DRM_INVALID_ISSUANCELICENSE_TEMPLATE(0x8004CF54, "The issuance license template is not valid."),
  /** The key length is not valid. */
  E_DRM_INVALID_KEY_LENGTH(0x8004CF55, "The key length is not valid."),
  /** The official issuance license template has expired. */
  E_DRM_EXPIRED_OFFICIAL_ISSUANCELICENSE_TEMPLATE(
      0x8004CF57, "The official issuance license template has expired."),
  /** The client licensor certificate is not valid. */
  E_DRM_INVALID_CLIENT_LICENSOR_CERTIFICATE(
      0x8004CF58, "The client licensor certificate is not valid."),
  /** The hardware identifier is not valid. */
  E_DRM_HID_INVALID(0x8004CF59, "The hardware identifier is not valid."),
  /** The e-mail address cannot be verified. */
  E_DRM_EMAIL_NOT_VERIFIED(0x8004CF5A, "The e-mail address cannot be verified."),
  /** The service has moved to another location. */
  E_DRM_SERVICE_MOVED(0x8004CF5B, "The service has moved to another location."),
  /** The service no longer exists. */
  E_DRM_SERVICE_GONE(0x8004CF5C, "The service no longer exists."),
  /** The user could not be found in the directory. */
  E_DRM_AD_ENTRY_NOT_FOUND(0x8004CF5D, "The user could not be found in the directory."),
  /** The data is not a certificate chain. */
  E_DRM_NOT_A_CHAIN(0x8004CF5E, "The data is not a certificate chain."),
  /** The request was denied. */
  E_DRM_REQUEST_DENIED(0x8004CF5F, "The request was denied."),
  /** A debugger was detected. */
  E_DRM_DEBUGGER_DETECTED(0x8004CF60, "A debugger was detected."),
  /** The lockbox type is not valid. */
  E_DRM_INVALID_LOCKBOX_TYPE(0x8004CF70, "The lockbox type is not valid."),
  /** The lockbox path is not valid. */
  E_DRM_INVALID_LOCKBOX_PATH(0x8004CF71, "The lockbox path is not valid."),
  /** The registry path is not valid. */
  E_DRM_INVALID_REGISTRY_PATH(0x8004CF72, "The registry path is not valid."),
  /** No AES provider is available. */
  E_DRM_NO_AES_PROVIDER(0x8004CF73, "No AES provider is available."),
  /** The global option is already set. */
  E_DRM_GLOBAL_OPTION_ALREADY_SET(0x8004CF74, "The global option is already set."),
  /** The owner license was not found. */
  E_DRM_OWNER_LICENSE_NOT_FOUND(0x8004CF75, "The owner license was not found."),
  /** The window is not valid. */
  E_DRM_INVALID_WINDOW(0x8004CF76, "The window is not valid."),
  /** Window registration failed. */
  E_DRM_WINDOW_REGISTRATION_FAILED(0x8004CF77, "Window registration failed."),
  /** The operating system runs in safe mode. */
  E_DRM_SAFEMODE_OS_DETECTED(0x8004CF78, "The operating system runs in safe mode."),
  /** The platform policy is violated. */
  E_DRM_PLATFORM_POLICY_VIOLATION(0x8004CF79, "The platform policy is violated."),
  /** The issuance license exceeds its length limit. */
  E_DRM_ISSUANCELICENSE_LENGTH_LIMIT_EXCEEDED(
      0x8004CF81, "The issuance license exceeds its length limit."),
  /** The buffer is too small (HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)). */
  E_DRM_INSUFFICIENT_BUFFER(0x8007007A, "The buffer is too small for the data."),
  /** One or more arguments are not valid. */
  E_INVALIDARG(0x80070057, "One or more arguments are not valid."),
  /** Not enough memory or another resource. */
  E_OUTOFMEMORY(0x8007000E, "Not enough memory."),
  /** Unspecified failure. */
  E_FAIL(0x80004005, "Unspecified failure."),
  /** The method is not implemented. */
  E_NOTIMPL(0x80004001, "Not implemented.");

  private static final Map<Integer, HResult> BY_VALUE = new HashMap<>();

  static {
    for (HResult h : values()) {
      HResult previous = BY_VALUE.put(h.value, h);
      if (previous != null) {
        throw new ExceptionInInitializerError("duplicate HRESULT " + h + " and " + previous);
      }
    }
  }

  private final int value;
  private final String meaning;

  HResult(int value, String meaning) {
    this.value = value;
    this.meaning = meaning;
  }

  /** The 32-bit HRESULT as a signed int, exactly as the C API returns it. */
  public int value() {
    return value;
  }

  /** A one-line meaning in plain English. */
  public String meaning() {
    return meaning;
  }

  /** True for success codes (severity bit clear). */
  public boolean isSuccess() {
    return value >= 0;
  }

  /** The value as {@code 0x8004CF3B}. */
  public String hex() {
    return hex(value);
  }

  /** Formats any HRESULT value as {@code 0x%08X}. */
  public static String hex(int value) {
    return String.format("0x%08X", value);
  }

  /** Reverse lookup by value. */
  public static Optional<HResult> fromValue(int value) {
    return Optional.ofNullable(BY_VALUE.get(value));
  }

  /** Describes any HRESULT as {@code NAME (0x...): meaning}, also for values not in this enum. */
  public static String describe(int value) {
    return fromValue(value).map(HResult::toString).orElse("HRESULT " + hex(value) + " (unknown)");
  }

  /** {@code E_DRM_NO_CONNECT (0x8004CF3B): Cannot connect to the rights management server.} */
  @Override
  public String toString() {
    return name() + " (" + hex() + "): " + meaning;
  }
}
