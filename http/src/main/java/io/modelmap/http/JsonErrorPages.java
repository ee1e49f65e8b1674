package io.modelmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, before a request reaches a route (a request line it cannot parse, headers too
 * large), in the server's {@link ErrorStyle} instead of Jetty's HTML page; never with a stack.
 */
final class JsonErrorPages extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ErrorStyle style;

  JsonErrorPages(ErrorStyle style) {
    this.style = style;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String line = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message.lines().findFirst().orElse("");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(style.body(code, line))), callback);
  }
}
