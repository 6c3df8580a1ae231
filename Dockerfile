# syntax=docker/dockerfile:1
# Multi-stage build of the convolution service.
#   docker build -t convolution-service .
#   docker run -p 8080:8080 convolution-service

# ---- build: the Maven wrapper on a JDK (compiles for Java 17, runs on any newer JRE) ----
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && cp target/convolution-service-*.jar /application.jar \
 && java -Djarmode=tools -jar /application.jar extract --layers --destination /extracted

# ---- run: a current LTS JRE, layers ordered from least to most often changed ----
FROM eclipse-temurin:25-jre
ARG VERSION=1.0.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="convolution-service" \
      org.opencontainers.image.description="Convolution and cross-correlation of 1D signals and 2D images, with index traces" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Proprietary" \
      org.opencontainers.image.base.name="eclipse-temurin:25-jre"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
EXPOSE 8080
# Container-aware JVM: size the heap from the cgroup memory limit, die (and get restarted) on OOM. G1 with a periodic
# collection when idle (every 3 s without one) gives back the heap a burst of requests or streams took (docs/decisions.md,
# "The collector"); the scripts that run the service as the container does use the same collector flags.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -XX:G1PeriodicGCInterval=3000" \
    SERVER_PORT=8080
# Liveness probe without curl (the JRE image has bash): GET /actuator/health/liveness over /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The direct method's SIMD loop needs the incubating Vector API module (without it the service runs,
# on plain loops); the JVM prints one "Using incubator modules" warning at start.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "-jar", "application.jar"]
