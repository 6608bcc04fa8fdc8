package org.openrms.rms.client.internal;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The C-style handle table of the {@code Msdrm} facade: random non-zero {@code int}s mapped to
 * session handle objects. A number is never handed out twice while its handle is open.
 */
public final class HandleTable {
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<Integer, AutoCloseable> handles = new ConcurrentHashMap<>();

  /** Registers a handle object and returns its new number. */
  public int add(AutoCloseable handle) {
    while (true) {
      int h = random.nextInt();
      if (h != 0 && handles.putIfAbsent(h, handle) == null) {
        return h;
      }
    }
  }

  /**
   * The object of an open handle.
   *
   * @throws DrmException {@link HResult#E_DRM_INVALID_HANDLE} for 0 or an unknown number
   */
  public Object get(int h) {
    Object o = h == 0 ? null : handles.get(h);
    if (o == null) {
      throw new DrmException(HResult.E_DRM_INVALID_HANDLE, "no open session with this handle");
    }
    return o;
  }

  /**
   * The object of an open handle of the given kind.
   *
   * @throws DrmException {@link HResult#E_DRM_INVALID_HANDLE} for 0, an unknown number or a handle
   *     of another kind
   */
  public <T> T get(int h, Class<T> kind) {
    Object o = get(h);
    if (!kind.isInstance(o)) {
      throw new DrmException(
          HResult.E_DRM_INVALID_HANDLE, "the handle is not a " + kind.getSimpleName());
    }
    return kind.cast(o);
  }

  /**
   * Closes a handle and forgets its number; if closing throws, the handle stays registered.
   *
   * @throws DrmException {@link HResult#E_DRM_INVALID_HANDLE} for an unknown number, or what
   *     closing threw
   */
  public void close(int h) {
    Object o = get(h);
    try {
      ((AutoCloseable) o).close();
    } catch (DrmException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new DrmException(HResult.E_FAIL, "closing the session failed", e);
    }
    handles.remove(h, o);
  }

  /** The number of open handles (for tests). */
  public int size() {
    return handles.size();
  }
}
