package io.modelmap.testsupport.hub;

import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.StandInRepo;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a {@link HubStandIn} before each test, with {@link TinyLlama} pushed as
 * {@link #REPO} on {@code main}, and closes it after the test. Register it on an instance field:
 * <pre>{@code @RegisterExtension final StandInHub hub = new StandInHub();}</pre>
 */
public final class StandInHub implements BeforeEachCallback, AfterEachCallback {
  /** The repository the tiny checkpoint is pushed to. */
  public static final String REPO = "org/tiny";

  private HubStandIn server;
  private String commit;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server = HubStandIn.start();
    commit = server.repo(REPO).push(TinyLlama.files());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  /** The running stand-in, for more repositories, faults and the requests it saw. */
  public HubStandIn server() {
    return server;
  }

  /** What {@code HF_ENDPOINT} is set to. */
  public String endpoint() {
    return server.endpoint();
  }

  /** The repository {@code id}, created empty if the stand-in has none yet. */
  public StandInRepo repo(String id) {
    return server.repo(id);
  }

  /** The requests the stand-in has seen since it started or was last cleared. */
  public List<HubStandIn.Request> requests() {
    return server.requests();
  }

  /** Forgets the requests seen so far. */
  public void clearRequests() {
    server.clearRequests();
  }

  /** The commit of the tiny checkpoint's push: {@code main} when the test started. */
  public String commit() {
    return commit;
  }
}
