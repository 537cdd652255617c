package dev.booty.plugin.sdk;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the plugin when booty goes away, even killed hard: booty holds the write end of the plugin's
 * stdin, so end of input means booty is gone. The watch then kills the processes the plugin started
 * and halts. Plugins written in other languages do the same.
 */
public final class StdinWatch {

  private StdinWatch() {}

  /** Starts the watch on a daemon thread. */
  public static void start(InputStream stdin) {
    Thread.ofPlatform()
        .daemon()
        .name("booty-stdin-watch")
        .start(
            () -> {
              try {
                while (stdin.read() >= 0) {
                  // booty writes nothing; anything read is ignored
                }
              } catch (IOException e) {
                // a closed pipe is the same news
              }
              System.err.println("booty closed stdin: stopping");
              ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
              Runtime.getRuntime().halt(0);
            });
  }
}
