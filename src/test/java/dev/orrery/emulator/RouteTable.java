package dev.orrery.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The REST endpoints the emulator knows, looked up by method and path. */
final class RouteTable {
  private final List<Route> routes = new ArrayList<>();

  /** A route and the parameters taken from the path. */
  record Match(Route route, Map<String, String> params) {}

  RouteTable add(String method, String template, RouteLimit limit, Route.Handler handler) {
    routes.add(new Route(method, template, limit, false, handler));
    return this;
  }

  /** An interaction endpoint: authorised by the interaction token, exempt from the global limit. */
  RouteTable addInteraction(
      String method, String template, RouteLimit limit, Route.Handler handler) {
    routes.add(new Route(method, template, limit, true, handler));
    return this;
  }

  /** The matching route; a known path with another method is 405, an unknown path 404. */
  Match resolve(String method, String path) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(path);
      if (params.isPresent()) {
        pathKnown = true;
        if (route.method().equals(method)) {
          return new Match(route, params.get());
        }
      }
    }
    throw pathKnown ? ApiError.methodNotAllowed() : ApiError.notFound();
  }
}
