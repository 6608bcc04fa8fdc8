package org.openrms.rms.server.internal.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.openrms.core.wire.RmsErrorCode;

/**
 * Turns the errors Jetty produces itself (malformed requests, headers too large …) into {@code
 * application/problem+json} without internals, instead of Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    Reply reply = reply(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private static Reply reply(int status) {
    RmsErrorCode code = status >= 500 ? RmsErrorCode.SERVER_ERROR : RmsErrorCode.BAD_REQUEST;
    if (status == 404) {
      code = RmsErrorCode.NOT_FOUND;
    }
    String reason = HttpStatus.getMessage(status);
    return Reply.problem(code, status, reason == null ? "request failed" : reason);
  }
}
