package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A Discord error response ({@code {"message", "code"}} and maybe {@code errors}); thrown by route
 * code deep in a check and turned into the HTTP answer by the server, like a web framework's status
 * exception.
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final int code;
  private final DataObject errors;

  private ApiError(int status, int code, String message, DataObject errors) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  static ApiError unauthorized() {
    return new ApiError(401, 0, "401: Unauthorized", null);
  }

  static ApiError notFound() {
    return new ApiError(404, 0, "404: Not Found", null);
  }

  static ApiError methodNotAllowed() {
    return new ApiError(405, 0, "405: Method Not Allowed", null);
  }

  static ApiError unknownChannel() {
    return new ApiError(404, 10003, "Unknown Channel", null);
  }

  static ApiError unknownGuild() {
    return new ApiError(404, 10004, "Unknown Guild", null);
  }

  static ApiError unknownMessage() {
    return new ApiError(404, 10008, "Unknown Message", null);
  }

  static ApiError unknownWebhook() {
    return new ApiError(404, 10015, "Unknown Webhook", null);
  }

  static ApiError unknownInteraction() {
    return new ApiError(404, 10062, "Unknown interaction", null);
  }

  static ApiError missingAccess() {
    return new ApiError(403, 50001, "Missing Access", null);
  }

  static ApiError missingPermissions() {
    return new ApiError(403, 50013, "Missing Permissions", null);
  }

  static ApiError emptyMessage() {
    return new ApiError(400, 50006, "Cannot send an empty message", null);
  }

  static ApiError cannotSendInThisChannel() {
    return new ApiError(400, 50008, "Cannot send messages in a non-text channel", null);
  }

  static ApiError invalidJson() {
    return new ApiError(400, 50109, "The request body contains invalid JSON.", null);
  }

  static ApiError invalidFormBody(DataObject errors) {
    return new ApiError(400, 50035, "Invalid Form Body", errors);
  }

  static ApiError entityTooLarge() {
    return new ApiError(413, 40005, "Request entity too large", null);
  }

  static ApiError alreadyAcknowledged() {
    return new ApiError(400, 40060, "Interaction has already been acknowledged.", null);
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }

  ApiResponse toResponse() {
    DataObject json = DataObject.empty().put("message", getMessage()).put("code", code);
    if (errors != null) {
      json.put("errors", errors);
    }
    return ApiResponse.error(status, json);
  }
}
