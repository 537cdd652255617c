package dev.booty.plugins.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What booty made on one host, kept on booty's side: a write-ahead journal, one line per thing
 * booty is ABOUT to create ({@code dir /opt/booty}, {@code file /opt/booty/bin/nomad}, {@code
 * supervised nomad}, ...), written and flushed to disk before the change is made. An install that
 * was interrupted anywhere leaves a manifest that names at least everything it made, so a later
 * install finishes it and an uninstall removes exactly that, and nothing else on the host.
 *
 * <p>The file lives in a folder the caller gives (under booty's home, so it outlives a scenario's
 * work folder) and is deleted only when the uninstall succeeded.
 */
final class HostManifest {

  /** What a line records. */
  enum Kind {
    /** A directory booty created; removed when empty at uninstall. */
    DIR,
    /** A file booty wrote. */
    FILE,
    /** A directory whose whole contents are booty's (an agent's data); removed with them. */
    TREE,
    /** A command under booty's supervisor, by name; stopped at uninstall. */
    SUPERVISED,
    /** A systemd unit, by name; disabled and stopped at uninstall. */
    UNIT
  }

  /** One line. */
  record Entry(Kind kind, String value) {
    String line() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
  }

  private final Path file;
  private final Set<Entry> entries = new LinkedHashSet<>();

  private HostManifest(Path file) {
    this.file = file;
  }

  /** The manifest of {@code host} in {@code dir}, read when it exists. */
  static HostManifest of(Path dir, SshHostSpec host) {
    HostManifest manifest =
        new HostManifest(dir.resolve(host.address() + "_" + host.port() + ".manifest"));
    manifest.read();
    return manifest;
  }

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  /** Everything recorded, in the order it was recorded. */
  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Records {@code entry} durably before the caller makes the change; once per entry. */
  synchronized void record(Entry entry) {
    if (entries.contains(entry)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel out =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        out.write(ByteBuffer.wrap((entry.line() + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the host manifest " + file, e);
    }
    entries.add(entry);
  }

  void record(Kind kind, String value) {
    record(new Entry(kind, value));
  }

  /** Deletes the manifest: the host holds nothing of booty's any more. */
  synchronized void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the host manifest " + file, e);
    }
    entries.clear();
  }

  private void read() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Entry> read = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        int space = line.indexOf(' ');
        Kind kind = null;
        if (space > 0) {
          try {
            kind = Kind.valueOf(line.substring(0, space).toUpperCase(java.util.Locale.ROOT));
          } catch (IllegalArgumentException unknown) {
            kind = null;
          }
        }
        if (kind == null) {
          throw new IllegalStateException(
              file + ":" + (i + 1) + ": expected 'dir|file|tree|supervised|unit VALUE': " + line);
        }
        read.add(new Entry(kind, line.substring(space + 1)));
      }
      entries.addAll(read);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the host manifest " + file, e);
    }
  }
}
