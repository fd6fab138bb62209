# RevBot: build the fat jar with Maven, run it on a JRE 21.
#   docker build -t revbot .            then   docker run -p 8080:8080 revbot serve
# docker-compose.yml builds this file and adds PostgreSQL with pgvector.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# The Maven cache survives rebuilds (BuildKit); the tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl server -am package -DskipTests -Dspotless.skip=true \
 && mkdir -p knowledge_base agents

FROM eclipse-temurin:21-jre
RUN groupadd --system revbot && useradd --system --gid revbot --uid 10001 --home-dir /data revbot \
 && mkdir -p /data && chown revbot:revbot /data
WORKDIR /app
COPY --from=build /src/server/target/revbot.jar /app/revbot.jar
# Agent specs and the knowledge base are read from disk so they can be edited without a rebuild
# (mount over /app/agents or /app/knowledge_base); the jar holds the agent specs as a fallback.
COPY --from=build /src/agents /app/agents
COPY --from=build /src/knowledge_base /app/knowledge_base
ENV REVBOT_HOME=/data \
    REVBOT_SOURCE_ROOT=/app \
    REVBOT_PORT=8080
VOLUME /data
EXPOSE 8080
USER revbot
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.noUnsafe=true", "-jar", "/app/revbot.jar"]
CMD ["serve"]
