package dev.booty.core.plugin.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of one process group, read from {@code /proc/PID/stat}: an executable plugin runs
 * in its own group (booty starts it through {@code setsid}), so killing the group also ends the
 * children it left behind, even those its own exit orphaned.
 */
public final class ProcessGroup {

  private ProcessGroup() {}

  /** The pids of live processes whose process group is {@code pgid}. */
  public static List<Long> members(long pgid) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        Long group = groupOf(entry.resolve("stat"));
        if (group != null && group == pgid) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      // /proc unreadable: nothing known to kill
    }
    return pids;
  }

  /** SIGKILLs every member of the group; returns how many there were. */
  public static int kill(long pgid) {
    List<Long> pids = members(pgid);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    return pids.size();
  }

  private static Long groupOf(Path stat) {
    try {
      String text = Files.readString(stat);
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
      String[] rest = text.substring(text.lastIndexOf(')') + 2).split(" ");
      if ("Z".equals(rest[0])) {
        return null; // a zombie is gone already; its parent reaps it
      }
      return Long.parseLong(rest[2]);
    } catch (IOException | RuntimeException e) {
      return null; // ended while we read
    }
  }
}
