package dev.booty.api;

/**
 * The version of booty's plugin API. Plugins declare the version they were built against; booty
 * accepts the same major version with a minor no newer than its own.
 */
public record ApiVersion(int major, int minor) {

  /** The API version of this booty. */
  public static final ApiVersion CURRENT = new ApiVersion(1, 2);

  public static ApiVersion parse(String text) {
    String[] parts = text.strip().split("\\.");
    if (parts.length != 2) {
      throw new IllegalArgumentException("API version '" + text + "' is not MAJOR.MINOR");
    }
    try {
      return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("API version '" + text + "' is not MAJOR.MINOR", e);
    }
  }

  /** Whether a plugin built against {@code required} can run on this API version. */
  public boolean accepts(ApiVersion required) {
    return required.major == major && required.minor <= minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
