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
# A 256 MB heap and the parallel collector: peak RSS under 300 MB at 10,000 feeds (BENCHMARKS.md).
# Set JAVA_OPTS to run with other JVM options (docker run -e JAVA_OPTS="-Xmx512m ...").
ENV JAVA_OPTS="-XX:+UseParallelGC -Xmx256m"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/orrery.jar \"$@\"", "orrery"]
CMD ["run"]
