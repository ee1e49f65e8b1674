package io.modelmap.cli.watch;

/**
 * How many listing pages one look at the Hub reads at most: a look that would read more stops there and the next
 * look goes on from the page it stopped at, so a long backlog (a {@code since} far back, a watcher stopped for
 * days) is taken a bounded piece per look instead of in one unbounded walk.
 *
 * @param pages the most listing pages one look reads, at least 1
 */
public record LookLimit(int pages) {
  /** 20 pages of {@link HubWatcher#PAGE_SIZE}: 2,000 models a look, far more than the Hub adds in ten minutes. */
  public static final LookLimit DEFAULT = new LookLimit(20);

  public LookLimit {
    if (pages < 1) {
      throw new IllegalArgumentException("pages per look must be at least 1, was " + pages);
    }
  }
}
