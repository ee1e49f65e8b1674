package io.modelmap.hub;

/**
 * A refusal or failure of the Hub client, its message one line a person can act on (which model, what
 * happened, what to do). The cause, where there is one, stays attached for the log.
 */
public final class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (a worker retries {@link #NETWORK} later). */
  public enum Kind {
    /** 401/403: gated or private, no token or one without access. */
    ACCESS,
    /** 404: no such repository, revision or file. */
    NOT_FOUND,
    /** HF_HUB_OFFLINE is set and the model is not in the cache. */
    OFFLINE,
    /** The files to fetch exceed the configured size limit. */
    TOO_LARGE,
    /** A downloaded file does not match the Hub's hash or size; it was deleted. */
    INTEGRITY,
    /** The Hub could not be reached, or kept failing, after the bounded retries. */
    NETWORK,
    /** Anything else the Hub answered that this client cannot use. */
    PROTOCOL,
    /** The local cache folder could not be read or written. */
    CACHE
  }

  private final Kind kind;

  HubException(Kind kind, String message) {
    super(oneLine(message));
    this.kind = kind;
  }

  HubException(Kind kind, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
