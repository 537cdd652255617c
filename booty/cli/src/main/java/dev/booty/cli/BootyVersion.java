package dev.booty.cli;

import picocli.CommandLine;

/** {@code booty --version}: the version from the jar's manifest. */
public final class BootyVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = BootyVersion.class.getPackage().getImplementationVersion();
    return new String[] {"booty " + (v == null ? "(development build)" : v)};
  }
}
