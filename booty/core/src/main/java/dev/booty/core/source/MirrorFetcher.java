package dev.booty.core.source;

import dev.booty.core.BootyException;
import dev.booty.core.util.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An offline mirror folder made by {@code booty mirror clone}: copy, then verify its sha256. */
public final class MirrorFetcher implements Fetcher {
  private final Path dir;

  public MirrorFetcher(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public SourceKind kind() {
    return SourceKind.MIRROR;
  }

  @Override
  public Fetched fetch(FetchRequest req) throws SourceUnavailableException {
    if (!Files.isDirectory(dir)) {
      throw new SourceUnavailableException("mirror folder " + dir + " does not exist");
    }
    MirrorIndex index = MirrorIndex.read(dir);
    String platform = req.platform().toString();
    MirrorIndex.Entry entry =
        index
            .find(req.name(), req.version(), platform)
            .orElseThrow(
                () ->
                    new SourceUnavailableException(
                        "mirror "
                            + dir
                            + " has no "
                            + req.name()
                            + "@"
                            + req.version()
                            + " for "
                            + platform));
    Path file = dir.resolve(entry.file()).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
      throw BootyException.failure(
          "mirror " + dir + ": " + req.name() + "@" + req.version() + " lists missing " + file);
    }
    req.progress().step(req.name(), "copying from mirror " + file);
    try {
      Files.copy(file, req.binary(), StandardCopyOption.REPLACE_EXISTING);
      String actual = Digests.sha256(req.binary());
      if (!actual.equals(entry.sha256())) {
        throw BootyException.failure(
            req.name()
                + " "
                + req.version()
                + ": checksum mismatch for "
                + file
                + ": expected sha256 "
                + entry.sha256()
                + " (from "
                + dir.resolve(MirrorIndex.FILE)
                + "), got "
                + actual
                + "; nothing was installed");
      }
      req.binary().toFile().setExecutable(true, false);
      return new Fetched(file.toString(), "sha256:" + actual);
    } catch (IOException e) {
      throw BootyException.failure("cannot copy " + file + ": " + e.getMessage());
    }
  }
}
