# Build: the shaded jar, target/orrery.jar
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run: a slim JRE, a user and group of its own (both 10001: a mounted bot.properties must be
# readable by one of them), state in /data
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 orrery \
 && useradd --system --gid orrery --uid 10001 --home-dir /data --shell /usr/sbin/nologin orrery \
 && mkdir -p /data /config \
 && chown orrery:orrery /data
COPY --from=build /src/target/orrery.jar /app/orrery.jar
USER orrery
VOLUME /data
# Orrery reads ./bot.properties: mount one at /config/bot.properties, or configure with ORRERY_*
# variables alone (the file may then be absent; the built-in planets need no configuration).
WORKDIR /config
ENV ORRERY_DATABASE_URL=jdbc:sqlite:/data/orrery.db
# Prometheus metrics at /metrics and the health check at /health (README: Metrics and health)
ENV ORRERY_METRICS_LISTEN=0.0.0.0:9108
EXPOSE 9108
# The image has no curl or wget: bash asks /health over /dev/tcp, on the port of
# ORRERY_METRICS_LISTEN. 503 (the database, polling or a shard is down) or no answer is unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ORRERY_METRICS_LISTEN##*:} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# A 256 MB heap and the parallel collector: peak RSS under 300 MB at 10,000 feeds (BENCHMARKS.md).
# Set JAVA_OPTS to run with other JVM options (docker run -e JAVA_OPTS="-Xmx512m ...").
ENV JAVA_OPTS="-XX:+UseParallelGC -Xmx256m"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/orrery.jar \"$@\"", "orrery"]
CMD ["run"]
