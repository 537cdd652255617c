package dev.booty.core.manifest;

import java.util.List;

/**
 * One component of the manifest: its binary, versions, platforms, how to check a binary's version,
 * and where it can come from. Pure data, read from {@code components.yaml}.
 *
 * @param name the component name, e.g. {@code nats-server} (the key in the manifest)
 * @param description one line for {@code booty list}
 * @param binary the executable's file name
 * @param defaultVersion the version installed when none is asked for
 * @param versions every version booty knows, newest first
 * @param platforms the platforms it runs on, e.g. {@code linux/amd64}
 * @param versionCheck how a binary proves its version
 * @param sources where it can be fetched from or built
 */
public record ComponentSpec(
    String name,
    String description,
    String binary,
    String defaultVersion,
    List<String> versions,
    List<String> platforms,
    VersionCheck versionCheck,
    Sources sources) {

  public boolean supports(Platform platform) {
    return platforms.contains(platform.toString());
  }

  /** The command line arguments and the text a binary of version V must print. */
  public record VersionCheck(List<String> args, String expect) {
    public String expected(String version) {
      return expect.replace("{version}", version);
    }
  }

  /** The sources a component has; any of them may be absent. */
  public record Sources(Release release, GoBuild go, SystemPackage system) {}

  /**
   * An official release archive and the publisher's checksum file. Templates may use {@code
   * {base}}, {@code {version}}, {@code {os}} and {@code {arch}}.
   *
   * @param base the publisher's base URL (a mirror base replaces it)
   * @param url the archive URL template
   * @param checksums the checksum file URL template
   * @param algorithm {@code sha256} or {@code sha512}
   * @param format {@code zip}, {@code tar.gz} or {@code binary} (the download is the executable)
   * @param path the executable's path inside the archive (template)
   * @param osNames the publisher's names for operating systems where they differ from Go's (Caddy
   *     says {@code mac} for {@code darwin}); may be null
   */
  public record Release(
      String base,
      String url,
      String checksums,
      String algorithm,
      String format,
      String path,
      java.util.Map<String, String> osNames) {

    /** Fills a template of this release for one version and platform. */
    public String expand(String template, String baseUrl, String version, Platform platform) {
      String os =
          osNames == null ? platform.os() : osNames.getOrDefault(platform.os(), platform.os());
      return template
          .replace("{base}", baseUrl)
          .replace("{version}", version)
          .replace("{os}", os)
          .replace("{arch}", platform.arch());
    }
  }

  /**
   * A build from the Go module at the component's version.
   *
   * @param module the module path, e.g. {@code github.com/hashicorp/nomad}
   * @param main the main package, e.g. {@code github.com/nats-io/natscli/nats}
   * @param ldflags linker flags (template with {@code {version}}), may be empty
   * @param tags build tags, may be empty
   */
  public record GoBuild(String module, String main, String ldflags, String tags) {}

  /**
   * The operating system's package (Debian for now).
   *
   * @param debian the Debian package name
   * @param path the executable's absolute path inside the package
   * @param with further packages the executable needs beside it (libraries, modules) at whatever
   *     version apt offers; when any is named, every package is unpacked into one tree kept in the
   *     version folder, and the installed executable is a wrapper that runs the packaged one with
   *     that tree's libraries (see {@code SystemPackageFetcher})
   * @param args arguments that wrapper passes before the caller's, {@code {root}} standing for the
   *     unpacked tree (PowerDNS's {@code --module-dir={root}/usr/lib/x86_64-linux-gnu/pdns}); only
   *     with {@code with}
   */
  public record SystemPackage(String debian, String path, List<String> with, List<String> args) {
    public SystemPackage {
      with = with == null ? List.of() : List.copyOf(with);
      args = args == null ? List.of() : List.copyOf(args);
    }

    public SystemPackage(String debian, String path) {
      this(debian, path, List.of(), List.of());
    }

    /** Whether the install is a tree of packages behind a wrapper rather than one executable. */
    public boolean bundled() {
      return !with.isEmpty();
    }
  }
}
