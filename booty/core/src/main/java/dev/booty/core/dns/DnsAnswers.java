package dev.booty.core.dns;

import dev.booty.core.BootyException;
import dev.booty.core.util.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Asks one DNS server, directly and uncached (the JDK's JNDI DNS provider, one UDP query with a
 * short timeout), for the A records of a name: what a data centre's resolver answers now.
 */
public final class DnsAnswers {
  private DnsAnswers() {}

  /** The addresses {@code server} (port 53) answers for {@code name}, sorted; empty for none. */
  public static List<String> ask(String server, String name, Duration timeout)
      throws NamingException {
    DirContext ctx = resolver(server, timeout, 1);
    try {
      return new ArrayList<>(new TreeSet<>(addresses(ctx, name + ".", "A")));
    } finally {
      ctx.close();
    }
  }

  /**
   * A JNDI DNS context asking {@code server} (port 53), or with null the resolvers of
   * /etc/resolv.conf; each query waits {@code timeout}, then is tried {@code retries} more times.
   */
  public static DirContext resolver(String server, Duration timeout, int retries)
      throws NamingException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, server == null ? "dns:" : "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
    env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(retries));
    return new InitialDirContext(env);
  }

  /** The values of the records of {@code types} ({@code A}, {@code AAAA}) for {@code name}. */
  public static List<String> addresses(DirContext ctx, String name, String... types)
      throws NamingException {
    List<String> out = new ArrayList<>();
    NamingEnumeration<? extends Attribute> all = ctx.getAttributes(name, types).getAll();
    while (all.hasMore()) {
      NamingEnumeration<?> values = all.next().getAll();
      while (values.hasMore()) {
        out.add(values.next().toString());
      }
    }
    return out;
  }

  /**
   * Waits until {@code server} answers {@code name} with exactly {@code expected}; returns how long
   * that took. A DNS server that checks health answers its fallback until its first checks are in.
   */
  public static Duration await(
      String server, String name, List<String> expected, Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    List<String> want = new ArrayList<>(new TreeSet<>(expected));
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      try {
        List<String> got = ask(server, name, Duration.ofSeconds(1));
        if (got.equals(want)) {
          return Duration.between(start, Instant.now());
        }
        last = got.isEmpty() ? "no address" : String.join(" ", got);
      } catch (NamingException e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      Poll.pause(Duration.ofMillis(250));
    }
    throw BootyException.failure(
        "DNS server "
            + server
            + " does not answer "
            + name
            + " with "
            + String.join(" ", want)
            + " after "
            + timeout.toSeconds()
            + " s; it answers: "
            + last);
  }
}
