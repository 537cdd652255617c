package dev.booty.core.plugin.remote;

import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Puts an executable plugin's folder into the plugins folder as {@code ID/}: from a folder or a
 * {@code .tar.gz} of one (file modes kept), copied to a hidden temporary folder first and renamed
 * into place, so a failed copy leaves the plugins folder as it was.
 */
public final class ExecInstaller {

  private ExecInstaller() {}

  /** Whether {@code source} is something this installer takes (a folder or a .tar.gz). */
  public static boolean accepts(Path source) {
    String name = source.getFileName().toString();
    return Files.isDirectory(source) || name.endsWith(".tar.gz") || name.endsWith(".tgz");
  }

  /**
   * Stages {@code source} in {@code pluginsDir} and reads its descriptor.
   *
   * @return the staged folder (hidden) and its descriptor; {@link #commit} or {@link
   *     FileTrees#deleteRecursively} it
   */
  public static ExecDescriptor stage(Path source, Path pluginsDir) {
    Path staged = pluginsDir.resolve(".install-" + UUID.randomUUID());
    try {
      if (Files.isDirectory(source)) {
        copyTree(source, staged);
      } else {
        untar(source, staged);
      }
      Path root = staged;
      if (!Files.isRegularFile(root.resolve(ExecDescriptor.FILE))) {
        try (Stream<Path> s = Files.list(staged)) {
          List<Path> dirs = s.filter(Files::isDirectory).toList();
          if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve(ExecDescriptor.FILE))) {
            root = dirs.get(0);
          }
        }
      }
      if (!Files.isRegularFile(root.resolve(ExecDescriptor.FILE))) {
        throw BootyException.usage(
            source + " holds no " + ExecDescriptor.FILE + " (at its top or in its one folder)");
      }
      return ExecDescriptor.load(root.resolve(ExecDescriptor.FILE));
    } catch (IOException e) {
      deleteQuietly(staged);
      throw BootyException.failure("cannot unpack " + source + ": " + e.getMessage());
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
  }

  /**
   * Moves a staged plugin into {@code pluginsDir/ID}; an older folder of that id is kept aside
   * until {@link #dropBackup} and put back by {@link #rollBack}.
   */
  public static Path commit(ExecDescriptor staged, Path pluginsDir) {
    Path target = pluginsDir.resolve(staged.id());
    Path backup = pluginsDir.resolve("." + staged.id() + ".previous");
    Path stagingRoot = stagingRoot(staged, pluginsDir);
    try {
      deleteQuietly(backup);
      if (Files.exists(target)) {
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged.folder(), target, StandardCopyOption.ATOMIC_MOVE);
      if (!stagingRoot.equals(staged.folder())) {
        deleteQuietly(stagingRoot);
      }
      return target;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot move plugin " + staged.id() + " into " + target + ": " + e.getMessage());
    }
  }

  /** Removes the installed folder of {@code id} and puts its backup back, if any. */
  public static void rollBack(String id, Path pluginsDir) {
    Path target = pluginsDir.resolve(id);
    Path backup = pluginsDir.resolve("." + id + ".previous");
    deleteQuietly(target);
    try {
      if (Files.exists(backup)) {
        Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot put back " + target + " from " + backup + ": " + e.getMessage());
    }
  }

  /** Deletes a staged plugin that will not be installed. */
  public static void discard(ExecDescriptor staged, Path pluginsDir) {
    deleteQuietly(stagingRoot(staged, pluginsDir));
  }

  /** Drops the backup {@link #commit} kept. */
  public static void dropBackup(String id, Path pluginsDir) {
    deleteQuietly(pluginsDir.resolve("." + id + ".previous"));
  }

  /** Whether two folders hold the same files with the same bytes. */
  public static boolean sameTree(Path a, Path b) {
    if (!Files.isDirectory(b)) {
      return false;
    }
    try (Stream<Path> sa = Files.walk(a);
        Stream<Path> sb = Files.walk(b)) {
      List<Path> fa = sa.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
      List<Path> fb = sb.filter(Files::isRegularFile).map(b::relativize).sorted().toList();
      if (!fa.equals(fb)) {
        return false;
      }
      for (Path f : fa) {
        if (Files.mismatch(a.resolve(f), b.resolve(f)) != -1) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path stagingRoot(ExecDescriptor staged, Path pluginsDir) {
    Path p = staged.folder();
    while (p.getParent() != null && !p.getParent().equals(pluginsDir)) {
      p = p.getParent();
    }
    return p;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : s.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  private static void untar(Path archive, Path target) throws IOException {
    Files.createDirectories(target);
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path to = target.resolve(e.getName()).normalize();
        if (!to.startsWith(target)) {
          throw new IOException("entry " + e.getName() + " escapes the archive");
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else if (e.isFile()) {
          Files.createDirectories(to.getParent());
          Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(to, permissions(e.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        out.add(order[i]);
      }
    }
    out.add(PosixFilePermission.OWNER_READ);
    return out;
  }

  private static void deleteQuietly(Path p) {
    try {
      if (Files.exists(p)) {
        FileTrees.deleteRecursively(p);
      }
    } catch (IOException e) {
      // left for the next install
    }
  }
}
