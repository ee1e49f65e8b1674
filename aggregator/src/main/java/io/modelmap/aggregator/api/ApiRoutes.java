package io.modelmap.aggregator.api;

import io.javalin.http.Context;
import io.modelmap.aggregator.api.body.TicketBody;
import io.modelmap.http.Access;
import io.modelmap.http.HttpError;
import io.modelmap.http.RouteTable;
import io.modelmap.http.StreamTickets;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The public port's route table: every endpoint of {@code openapi.json} (held equal by {@code
 * OpenApiRoutesTest}), the dashboard's files, {@code /metrics} and {@code /health}. Data is
 * {@link Access#TOKEN}; probes, scrapes, the description and the dashboard's files are open.
 */
final class ApiRoutes {
  static final String DASHBOARD = "io/modelmap/aggregator/dashboard";
  static final String OPENAPI = "io/modelmap/aggregator/api/openapi.json";
  static final String EVENTS = "/api/events";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  static final IntParameter KL_MATRIX_MAX = new IntParameter("/api/kl-matrix", "max", 100, 2, Analyses.MAX_KL_MATRIX);
  static final IntParameter ROUTE_MAX = new IntParameter("/api/route", "max", 10, 1, 10_000);
  static final IntParameter LINEAGE_K = new IntParameter("/api/lineage", "k", 5, 1, 1_000);
  static final IntParameter HUB_DECISIONS_MAX = new IntParameter("/api/hub-decisions", "max", 50, 1, 1_000);

  private ApiRoutes() {}

  /**
   * @param answers the answers once Kafka Streams runs; throws a 503 before
   * @param events the event streams once they are followed; throws a 503 before
   * @param tickets issues the tickets browsers open {@code /api/events} with (keyed like the server's token)
   */
  static RouteTable table(Supplier<Answers> answers, Supplier<EventStreams> events, Health health,
      StreamTickets tickets) {
    return new RouteTable()
        .files("/", DASHBOARD)
        .files("/webjars", "META-INF/resources/webjars")
        .answer(InvalidStateStoreException.class, e -> new HttpError(503,
            "the aggregator is starting or rebalancing its state; retry in a few seconds"))
        .get("/health", Access.OPEN, health::answer)
        .get("/metrics", Access.OPEN, ctx -> ctx.contentType(PROMETHEUS).result(answers.get().metrics().scrape()))
        .get("/openapi.json", Access.OPEN, ApiRoutes::openApi)
        .get("/api/models", Access.TOKEN, ctx -> ctx.json(answers.get().catalog().models()))
        .get("/api/models/<id>", Access.TOKEN, ctx -> {
          String id = id(ctx, "/api/models/");
          ctx.json(answers.get().catalog().model(id).orElseThrow(() -> new HttpError(404,
              "no model '" + id + "' is registered or scored; GET /api/models lists them")));
        })
        .get("/api/map", Access.TOKEN, ctx -> ctx.json(answers.get().analyses().map(ctx.queryParam("corpus"))))
        .get("/api/kl", Access.TOKEN,
            ctx -> ctx.json(answers.get().analyses().kl(ctx.queryParam("a"), ctx.queryParam("b"))))
        .get("/api/analytics", Access.TOKEN,
            ctx -> ctx.json(answers.get().analyses().analytics(ctx.queryParam("corpus"))))
        .get("/api/kl-matrix", Access.TOKEN, ctx -> {
          int max = KL_MATRIX_MAX.of(ctx);
          ctx.json(answers.get().analyses().klMatrix(ctx.queryParam("corpus"), max));
        })
        .get("/api/predictions/<id>", Access.TOKEN,
            ctx -> ctx.json(answers.get().predictions().model(id(ctx, "/api/predictions/"))))
        .get("/api/benchmarks", Access.TOKEN, ctx -> ctx.json(answers.get().predictions().benchmarks()))
        .get("/api/benchmarks/<id>", Access.TOKEN,
            ctx -> ctx.json(answers.get().predictions().benchmark(id(ctx, "/api/benchmarks/"))))
        .get("/api/embeddings", Access.TOKEN, ctx -> ctx.json(answers.get().routes().embeddings()))
        .get("/api/route", Access.TOKEN, ctx -> {
          int max = ROUTE_MAX.of(ctx);
          ctx.json(answers.get().routes().route(ctx.queryParam("question"), ctx.queryParam("item"), max));
        })
        .get("/api/response-similarity", Access.TOKEN, ctx -> ctx.json(answers.get().lineage().similarity()))
        .get("/api/lineage", Access.TOKEN, ctx -> {
          int k = LINEAGE_K.of(ctx);
          ctx.json(answers.get().lineage().lineage(k));
        })
        .get("/api/hub-decisions", Access.TOKEN, ctx -> {
          int max = HUB_DECISIONS_MAX.of(ctx);
          ctx.json(answers.get().hubDecisions().latest(max));
        })
        .get("/api/agreement", Access.TOKEN, ctx -> ctx.json(answers.get().analyses().agreement()))
        .get("/api/agreement/judge/<id>", Access.TOKEN,
            ctx -> ctx.json(answers.get().analyses().judge(id(ctx, "/api/agreement/judge/"))))
        .get(EVENTS + "/ticket", Access.TOKEN, ctx -> {
          StreamTickets.Ticket ticket = tickets.issue(EVENTS);
          ctx.json(new TicketBody(ticket.ticket(), ticket.expiresInSeconds()));
        })
        .stream(EVENTS, Access.TOKEN, ctx -> events.get().handle(ctx)); // the token, or a ticket: browsers send no header
  }

  static List<IntParameter> intParameters() {
    return List.of(KL_MATRIX_MAX, ROUTE_MAX, LINEAGE_K, HUB_DECISIONS_MAX);
  }

  /** The id after {@code prefix}, read from the raw path and decoded once (ids hold slashes, '+', '%'). */
  private static String id(Context ctx, String prefix) {
    return QueryApi.decode(ctx.path().substring(prefix.length()));
  }

  private static void openApi(Context ctx) throws IOException {
    try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(OPENAPI)) {
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }
}
