package io.modelmap.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock that makes processes sharing one cache download a blob once: an OS file lock on
 * {@code .locks/.../<etag>.lock} (huggingface_hub takes a {@code FileLock} on the same path). The lock file
 * stays behind, as huggingface_hub's does.
 */
final class BlobLock implements AutoCloseable {
  // file locks belong to the process (a second channel of the same JVM gets OverlappingFileLockException):
  // threads of one JVM queue on this lock first; one entry per blob ever locked, a few bytes each
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock fileLock;

  private BlobLock(ReentrantLock threads, FileChannel channel, FileLock fileLock) {
    this.threads = threads;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits until this thread holds the blob's lock in this process and the file lock across processes. */
  static BlobLock acquire(Path lockFile) throws IOException, InterruptedException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock threads = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    threads.lockInterruptibly();
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      // blocks while another process downloads the blob; that download is bounded by its timeouts
      return new BlobLock(threads, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threads.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      threads.unlock();
    }
  }
}
