package dev.orrery.emulator;

/**
 * An IDENTIFY the gateway accepted: the session it started and its shard ({@code [0, 1]} when the
 * bot sent none).
 */
public record GatewayIdentify(String sessionId, int shardId, int shardTotal) {}
