package dev.booty.dev.bench;

import java.io.IOException;
import java.io.PrintStream;

/** A benchmark's figures: tables for people, or one JSON object for machines. */
public interface Report {
  void print(PrintStream out);

  void printJson(PrintStream out) throws IOException;

  /** {@link #printJson} when {@code json}, else {@link #print}. */
  default void write(PrintStream out, boolean json) throws IOException {
    if (json) {
      printJson(out);
    } else {
      print(out);
    }
  }
}
