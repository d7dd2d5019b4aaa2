/**
 * Metrics and health: Micrometer's Prometheus registry, the meters of the JVM and of the libraries
 * (HikariCP, OkHttp, Logback), Orrery's own {@code orrery_*} series, and the HTTP server of {@code
 * /metrics} and {@code /health}. Micrometer and Prometheus types stay in this package: the other
 * packages report through their listeners and small plain-Java interfaces (the refresher's {@code
 * Listener}, {@code discord.DiscordReport}) and never import Micrometer.
 */
package dev.orrery.metrics;
