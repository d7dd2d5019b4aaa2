package dev.orrery.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** What a route answers: status, JSON body (or none) and headers beyond the rate-limit ones. */
record ApiResponse(int status, String body, Map<String, String> headers) {
  static ApiResponse ok(DataObject json) {
    return new ApiResponse(200, json.toString(), Map.of());
  }

  static ApiResponse ok(DataArray json) {
    return new ApiResponse(200, json.toString(), Map.of());
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, Map.of());
  }

  static ApiResponse error(int status, DataObject json) {
    return new ApiResponse(status, json.toString(), Map.of());
  }

  ApiResponse withHeaders(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(headers);
    merged.putAll(extra);
    return new ApiResponse(status, body, merged);
  }
}
