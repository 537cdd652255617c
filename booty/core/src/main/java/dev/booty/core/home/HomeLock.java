package dev.booty.core.home;

import dev.booty.core.BootyException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The exclusive lock of a booty home ({@code locks/home.lock}), held across processes (an OS file
 * lock) and across threads of this JVM (file locks are per process, so a second channel in the same
 * JVM would otherwise fail instead of waiting).
 */
public final class HomeLock implements AutoCloseable {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the home's lock, waiting up to {@code timeout}; {@code waiting} is told once when another
   * holder makes us wait.
   */
  public static HomeLock acquire(BootyHome home, Duration timeout, Consumer<String> waiting) {
    Path file = home.lockFile();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    Instant deadline = Instant.now().plus(timeout);
    boolean told = false;
    try {
      if (!local.tryLock()) {
        waiting.accept("waiting for another booty command on this home (" + file + ")");
        told = true;
        if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw timedOut(file, timeout);
        }
      }
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new HomeLock(local, channel, lock);
        }
        if (!told) {
          waiting.accept("waiting for another booty process on this home (" + file + ")");
          told = true;
        }
        if (Instant.now().isAfter(deadline)) {
          channel.close();
          throw timedOut(file, timeout);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      unlockQuietly(local);
      throw BootyException.failure("cannot lock " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unlockQuietly(local);
      throw BootyException.failure("interrupted while waiting for " + file);
    } catch (RuntimeException e) {
      unlockQuietly(local);
      throw e;
    }
  }

  private static BootyException timedOut(Path file, Duration timeout) {
    return BootyException.failure(
        "another booty process held " + file + " for more than " + timeout.toSeconds() + "s");
  }

  private static void unlockQuietly(ReentrantLock local) {
    if (local.isHeldByCurrentThread()) {
      local.unlock();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel; nothing else to release
    } finally {
      local.unlock();
    }
  }
}
