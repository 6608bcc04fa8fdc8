package org.openrms.wsman.client;

/**
 * Receives a remote command's output as it arrives, on the command's receiving thread, in the order
 * the service sent it. Given to {@link RemoteShell#run(OutputListener, String, String...)}.
 */
@FunctionalInterface
public interface OutputListener {
  /**
   * A chunk of output.
   *
   * @param stream {@code "stdout"} or {@code "stderr"}
   * @param data the bytes (the listener may keep the array)
   */
  void output(String stream, byte[] data);
}
