package dev.booty.core.client.browser;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import java.util.List;

/**
 * What a browser client process publishes on {@code booty.clients.SCENARIO.report} before it exits
 * when its page cannot run: {@code {"v":1,"run":RUN,"broken":{"process","dc","group","reason",
 * "console":[...]}}}. The runner ends the run BROKEN with the reason and the console lines, rather
 * than waiting for clients that will never report.
 *
 * @param process the process's name, {@code GROUP-INDEX} (plus {@code -INSTANCE})
 * @param reason {@code page did not load: ...}, {@code booty.start failed: ...}, {@code tab
 *     crashed}, {@code chromium exited ...}
 * @param console the page's latest console lines, oldest first
 */
public record BrokenMessage(
    String process, String dc, String group, String reason, List<String> console) {
  public BrokenMessage {
    console = List.copyOf(console);
  }

  /** The message as published for {@code run}. */
  public ObjectNode toJson(String run) {
    ObjectNode broken = Json.MAPPER.createObjectNode();
    broken.put("process", process).put("dc", dc).put("group", group).put("reason", reason);
    ArrayNode lines = broken.putArray("console");
    console.forEach(lines::add);
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("v", BrowserHost.VERSION).put("run", run);
    msg.set("broken", broken);
    return msg;
  }
}
