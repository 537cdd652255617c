package dev.booty.plugins.clouddns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded exchanges on 127.0.0.1 (a free port): each request must be the next recorded one
 * (method, path with query, JSON body, the bearer token); it is answered the recorded status,
 * headers and body. A request out of order is answered 599 and kept in {@link #failures}, which
 * tests assert empty, together with {@link #remaining()}.
 */
final class ReplayServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> exchanges;
  private final String authorization;
  private int next;
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  final List<String> received = Collections.synchronizedList(new ArrayList<>());

  ReplayServer(String token, List<JsonNode> exchanges) throws IOException {
    this.authorization = "Bearer " + token;
    this.exchanges = List.copyOf(exchanges);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The exchanges of recording files under {@code /exchanges/}, one after the other. */
  static List<JsonNode> recorded(String... files) {
    List<JsonNode> all = new ArrayList<>();
    for (String file : files) {
      String resource = "/exchanges/" + file;
      try (InputStream in = ReplayServer.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("no recording " + resource);
        }
        ((ArrayNode) JSON.readTree(in).get("exchanges")).forEach(all::add);
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return all;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized int remaining() {
    return exchanges.size() - next;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String target = query == null ? path : path + "?" + query;
      received.add(method + " " + target);
      JsonNode expected;
      synchronized (this) {
        expected = next < exchanges.size() ? exchanges.get(next) : null;
        String problem = mismatch(expected, method, target, body, exchange);
        if (problem != null) {
          failures.add(problem);
          answer(exchange, 599, Map.of(), "{\"problem\":" + JSON.writeValueAsString(problem) + "}");
          return;
        }
        next++;
      }
      JsonNode response = expected.get("response");
      Map<String, String> headers =
          JSON.convertValue(
              response.path("headers"),
              JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
      String text = response.has("body") ? JSON.writeValueAsString(response.get("body")) : "";
      answer(exchange, response.get("status").asInt(), headers == null ? Map.of() : headers, text);
    }
  }

  private String mismatch(
      JsonNode expected, String method, String target, String body, HttpExchange exchange) {
    String call = method + " " + target;
    if (expected == null) {
      return "unexpected " + call + ": every recorded exchange was replayed";
    }
    JsonNode request = expected.get("request");
    String wanted = request.get("method").asText() + " " + request.get("path").asText();
    if (!wanted.equals(call)) {
      return "exchange " + (next + 1) + ": expected " + wanted + ", got " + call;
    }
    if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return "exchange " + (next + 1) + " " + call + ": wrong or missing Authorization header";
    }
    JsonNode wantedBody = request.get("body");
    try {
      JsonNode got = body.isEmpty() ? null : JSON.readTree(body);
      boolean none = wantedBody == null || wantedBody.isNull();
      if (none ? got != null : !wantedBody.equals(got)) {
        return "exchange "
            + (next + 1)
            + " "
            + call
            + ": body "
            + body
            + ", expected "
            + wantedBody;
      }
    } catch (IOException e) {
      return "exchange " + (next + 1) + " " + call + ": body is not JSON: " + body;
    }
    return null;
  }

  private static void answer(
      HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
