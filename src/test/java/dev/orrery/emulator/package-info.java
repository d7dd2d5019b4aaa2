/**
 * A loopback Discord for end-to-end tests: the real JDA logs into {@link
 * dev.orrery.emulator.DiscordEmulator} over REST and the gateway on 127.0.0.1, and the test scripts
 * the Discord side.
 *
 * <p>Start one per test class or test ({@code DiscordEmulator.start()}, well under a second), build
 * the world ({@code createGuild}, {@code createTextChannel}, {@code createRole}, {@code
 * revoke}...), point JDA at it ({@code configure(JDABuilder)}, or the product's {@code
 * discord.api-base-url} and {@code discord.gateway-url} set to {@code restBaseUrl()} and {@code
 * gatewayUrl()}), then drive and observe: {@code interact}, {@code awaitMessages}, {@code
 * requests}, {@code stats}, {@code dropGateway}, {@code refuseGatewayConnections}, {@code
 * failNextRequests}, {@code rateLimitNextRequests}.
 *
 * <p>Everything here runs in test scope only; JSON is JDA's {@code DataObject}.
 */
package dev.orrery.emulator;
