package dev.orrery.discord;

import java.io.IOException;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Tells the report of every REST request that leaves JDA's HTTP client, and of each 429. */
final class RestReport implements Interceptor {
  private static final int TOO_MANY_REQUESTS = 429;

  private final DiscordReport report;

  RestReport(DiscordReport report) {
    this.report = report;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    report.request();
    Response response = chain.proceed(chain.request());
    if (response.code() == TOO_MANY_REQUESTS) {
      report.rateLimited(scope(response));
    }
    return response;
  }

  static DiscordReport.RateLimit scope(Response response) {
    String scope = response.header("X-RateLimit-Scope");
    if (scope == null) {
      return "true".equalsIgnoreCase(response.header("X-RateLimit-Global"))
          ? DiscordReport.RateLimit.GLOBAL
          : DiscordReport.RateLimit.UNKNOWN;
    }
    return switch (scope.toLowerCase(Locale.ROOT)) {
      case "user" -> DiscordReport.RateLimit.ROUTE;
      case "global" -> DiscordReport.RateLimit.GLOBAL;
      case "shared" -> DiscordReport.RateLimit.SHARED;
      default -> DiscordReport.RateLimit.UNKNOWN;
    };
  }
}
