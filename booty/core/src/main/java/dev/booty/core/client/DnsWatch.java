package dev.booty.core.client;

import dev.booty.core.client.ClientReport.DnsAnswer;
import dev.booty.core.dns.DnsAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;

/**
 * Watches the answers of one DNS name from a client's process: one light background thread per name
 * and process asks the resolver every second and keeps each change of the answer set (the first
 * answer, then every different one), so a run can tell when a dead data centre's servers left the
 * answer its clients get. Clients of the name share it ({@link #acquire}, {@link #release}); each
 * reports the changes since it started.
 *
 * <p>It asks the data centre's resolver (from /etc/resolv.conf) directly, through the JDK's JNDI
 * DNS provider, so the JVM's own name cache (which the clients' connections use) does not hide a
 * change; a name the resolver does not know (one of /etc/hosts, as in tests) is looked up with
 * {@link InetAddress#getAllByName}.
 */
public final class DnsWatch {
  /** How often the answer is asked for. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  /** The most changes kept: a flapping answer must not grow a report without bound. */
  static final int MAX_CHANGES = 1000;

  /** Looks a name up: its addresses, in any order. */
  @FunctionalInterface
  public interface Lookup {
    List<String> addresses(String name) throws IOException;
  }

  private static final Map<String, DnsWatch> WATCHES = new ConcurrentHashMap<>();

  private final String name;
  private final Lookup lookup;
  private final Duration every;
  private final List<DnsAnswer> changes = new ArrayList<>();
  private int users;
  private Thread thread;

  DnsWatch(String name, Lookup lookup, Duration every) {
    this.name = name;
    this.lookup = lookup;
    this.every = every;
  }

  /** The process's watch of {@code name}, started for one more client. */
  public static DnsWatch acquire(String name) {
    DnsWatch w = WATCHES.computeIfAbsent(name, n -> new DnsWatch(n, new SystemLookup(), EVERY));
    w.start();
    return w;
  }

  /** One client less; the last one stops the thread. */
  public void release() {
    Thread t;
    synchronized (this) {
      if (--users > 0 || thread == null) {
        return;
      }
      t = thread;
      thread = null;
    }
    t.interrupt();
  }

  synchronized void start() {
    users++;
    if (thread == null) {
      thread = Thread.ofVirtual().name("booty-dns-" + name).start(this::watch);
    }
  }

  /** The answers since {@code since}: the one current then, and every change after it. */
  public List<DnsAnswer> since(Instant since) {
    synchronized (changes) {
      List<DnsAnswer> out = new ArrayList<>();
      for (DnsAnswer a : changes) {
        if (!Instant.parse(a.time()).isAfter(since)) {
          out.clear(); // an older answer: only the last one before `since` stays
        }
        out.add(a);
      }
      return out;
    }
  }

  private void watch() {
    List<String> last = null;
    while (!Thread.currentThread().isInterrupted()) {
      List<String> now = ask();
      if (now != null && !now.equals(last)) {
        last = now;
        DnsAnswer a =
            new DnsAnswer(
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), List.copyOf(now));
        synchronized (changes) {
          if (changes.size() >= MAX_CHANGES) {
            changes.remove(1); // keep the first answer: it says what the name pointed at
          }
          changes.add(a);
        }
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The answer, sorted; empty when the name has none; null when the lookup failed. */
  private List<String> ask() {
    try {
      return List.copyOf(new TreeSet<>(lookup.addresses(name)));
    } catch (IOException e) {
      return null; // a resolver that does not answer is no change of answer
    }
  }

  /**
   * The data centre's resolver through JNDI (no JVM cache), then the JVM's own lookup for names
   * only the hosts file knows.
   */
  static final class SystemLookup implements Lookup {
    private DirContext dns;
    private boolean resolverKnows;

    @Override
    public List<String> addresses(String name) throws IOException {
      try {
        if (dns == null) {
          dns = DnsAnswers.resolver(null, Duration.ofMillis(500), 2);
        }
        List<String> out = DnsAnswers.addresses(dns, name, "A", "AAAA");
        resolverKnows = true;
        return out;
      } catch (javax.naming.NameNotFoundException e) {
        // a name the resolver answered before and no longer knows has no address left
        return resolverKnows ? List.of() : jvm(name);
      } catch (NamingException | RuntimeException e) {
        dns = null; // asked again, fresh, next time
        return jvm(name);
      }
    }

    private static List<String> jvm(String name) throws IOException {
      List<String> out = new ArrayList<>();
      for (InetAddress a : InetAddress.getAllByName(name)) {
        out.add(a.getHostAddress());
      }
      return out;
    }
  }
}
