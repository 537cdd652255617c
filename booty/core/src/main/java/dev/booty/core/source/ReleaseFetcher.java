package dev.booty.core.source;

import dev.booty.core.BootyException;
import dev.booty.core.manifest.ComponentSpec.Release;
import dev.booty.core.util.Digests;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The publisher's release archive over HTTP(S), verified against the publisher's checksum file
 * before anything is unpacked. A mirror base URL, when set, replaces every publisher's base.
 */
public final class ReleaseFetcher implements Fetcher {
  private final Downloader downloader;
  private final String mirrorBase;

  /**
   * @param mirrorBase replaces {@code {base}} in every template (e.g. a loopback mirror); null to
   *     use each publisher's own base
   */
  public ReleaseFetcher(Downloader downloader, String mirrorBase) {
    this.downloader = downloader;
    this.mirrorBase = mirrorBase == null ? null : stripSlash(mirrorBase);
  }

  @Override
  public SourceKind kind() {
    return SourceKind.RELEASE;
  }

  @Override
  public Fetched fetch(FetchRequest req) throws SourceUnavailableException {
    Release r = req.spec().sources().release();
    if (r == null) {
      throw new SourceUnavailableException("no release archives are published for " + req.name());
    }
    String base = mirrorBase != null ? mirrorBase : r.base();
    String url = r.expand(r.url(), base, req.version(), req.platform());
    String sumsUrl = r.expand(r.checksums(), base, req.version(), req.platform());
    String fileName = url.substring(url.lastIndexOf('/') + 1);

    req.progress().step(req.name(), "fetching checksums " + sumsUrl);
    String sums = downloader.text(sumsUrl);
    String expected =
        Checksums.find(sums, fileName)
            .orElseThrow(
                () ->
                    BootyException.failure(
                        req.name()
                            + " "
                            + req.version()
                            + ": the checksum file "
                            + sumsUrl
                            + " lists no "
                            + fileName));

    Path archive = req.scratch().resolve(fileName);
    req.progress().step(req.name(), "downloading " + url);
    downloader.download(url, archive, req.name(), req.progress());

    req.progress().step(req.name(), "verifying " + r.algorithm() + " of " + fileName);
    String actual;
    try {
      actual = Digests.hex(r.algorithm(), archive);
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + archive + ": " + e.getMessage());
    }
    if (!actual.equals(expected)) {
      throw BootyException.failure(
          req.name()
              + " "
              + req.version()
              + ": checksum mismatch for "
              + url
              + ": expected "
              + r.algorithm()
              + " "
              + expected
              + " (from "
              + sumsUrl
              + "), got "
              + actual
              + "; the archive was rejected and nothing was installed");
    }
    req.progress().step(req.name(), "unpacking " + fileName);
    try {
      Archives.extractExecutable(
          archive,
          r.format(),
          r.expand(r.path(), base, req.version(), req.platform()),
          req.binary(),
          req.name());
    } catch (IOException e) {
      throw BootyException.failure(
          req.name() + ": cannot unpack " + fileName + ": " + e.getMessage());
    }
    return new Fetched(url, r.algorithm() + ":" + actual);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
