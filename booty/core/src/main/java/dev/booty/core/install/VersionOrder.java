package dev.booty.core.install;

import java.util.Comparator;

/** Orders dotted versions numerically (2.10.0 after 2.9.10); non-numeric parts as text. */
public final class VersionOrder implements Comparator<String> {
  public static final VersionOrder INSTANCE = new VersionOrder();

  private VersionOrder() {}

  @Override
  public int compare(String a, String b) {
    String[] x = a.split("[.\\-+]");
    String[] y = b.split("[.\\-+]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c =
          p.matches("\\d+") && q.matches("\\d+")
              ? Long.compare(Long.parseLong(p), Long.parseLong(q))
              : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
