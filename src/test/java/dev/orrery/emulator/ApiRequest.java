package dev.orrery.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.exceptions.ParsingException;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * One REST request as a route handler sees it: path below {@code /api/v10/}, its route parameters,
 * body (the JSON, or a multipart request's {@code payload_json}) and uploaded files.
 */
record ApiRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> params,
    Map<String, String> headers,
    String body,
    List<Upload> uploads,
    Instant receivedAt) {

  /**
   * A path parameter as a snowflake; a malformed id is reported as Discord does for a bad
   * snowflake.
   */
  long id(String param) {
    String raw = params.get(param);
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.invalidFormBody(
          FormErrors.single(
              param, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake."));
    }
  }

  String param(String name) {
    return params.get(name);
  }

  /** The body as a JSON object; an unparsable body is Discord's 50109. */
  DataObject json() {
    try {
      return DataObject.fromJson(body.isEmpty() ? "{}" : body);
    } catch (ParsingException e) {
      throw ApiError.invalidJson();
    }
  }

  /** The body as a JSON array (bulk command overwrites). */
  DataArray jsonArray() {
    try {
      return DataArray.fromJson(body);
    } catch (ParsingException e) {
      throw ApiError.invalidJson();
    }
  }
}
