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
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    DirContext ctx = new InitialDirContext(env);
    try {
      Attribute a = ctx.getAttributes(name + ".", new String[] {"A"}).get("A");
      TreeSet<String> out = new TreeSet<>();
      if (a != null) {
        NamingEnumeration<?> values = a.getAll();
        while (values.hasMore()) {
          out.add(values.next().toString());
        }
      }
      return new ArrayList<>(out);
    } finally {
      ctx.close();
    }
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
