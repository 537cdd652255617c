package dev.booty.core.source;

/** One source of components. The installer tries fetchers in order. */
public interface Fetcher {

  SourceKind kind();

  /**
   * Places the executable for the request at {@link FetchRequest#binary()}, using {@link
   * FetchRequest#scratch()} for anything else, and says where it came from.
   *
   * @throws SourceUnavailableException when this source cannot provide it (try the next one)
   * @throws dev.booty.core.BootyException when what it provided is wrong (bad checksum): stop
   */
  Fetched fetch(FetchRequest request) throws SourceUnavailableException;

  /**
   * What a fetch produced.
   *
   * @param origin the URL, module or package it came from
   * @param checksum the publisher's checksum that was verified ("sha256:..."), or null
   */
  record Fetched(String origin, String checksum) {}
}
