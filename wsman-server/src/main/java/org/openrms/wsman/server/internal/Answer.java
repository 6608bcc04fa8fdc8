package org.openrms.wsman.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A complete HTTP answer of the handler; headers (repeatable) may be added before sending. */
final class Answer {
  final int status;
  final String contentType;
  final byte[] body;
  final List<Map.Entry<String, String>> headers = new ArrayList<>();

  Answer(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  static Answer empty(int status) {
    return new Answer(status, null, new byte[0]);
  }

  /** Adds a header (a second value of the same name is a second header line). */
  Answer header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }

  /** The same answer with another content type and body, headers kept. */
  Answer withBody(String type, byte[] newBody) {
    Answer a = new Answer(status, type, newBody);
    a.headers.addAll(headers);
    return a;
  }
}
