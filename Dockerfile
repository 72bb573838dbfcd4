# hafs-training-exporter: build with the Maven Wrapper, run on a JRE 21.
# Base images are build arguments so a machine without Docker Hub can substitute local ones
# (scripts/build-local-images.sh --exporter does that with local/temurin:25).
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-21
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies get their own layer so a source change does not download them again. go-offline may
# trip over plugins resolved only later; the package step below is the real check.
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && cp target/hafs-training-exporter.jar /exporter.jar

FROM ${RUNTIME_IMAGE}
# A fixed numeric uid lets the mounted training directory be made readable to it.
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin hafs
COPY --from=build /exporter.jar /opt/hafs/hafs-training-exporter.jar
USER 10001:10001
VOLUME ["/data"]
EXPOSE 9746
# Set it too when --web.listen-address moves the exporter off port 9746.
ENV HAFS_HEALTH_PORT=9746
# The runtime images ship neither curl nor wget, but do ship bash: speak HTTP over /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HAFS_HEALTH_PORT} && printf 'GET /-/healthy HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ $status == HTTP/1.?' 200'* ]]"]
# The directory comes from the environment, so `docker run IMAGE --training.dir=...` still works.
ENV HAFS_TRAINING_DIR=/data
# The JVM options BENCHMARKS.md measured: ~88 MiB RSS after 10,000 scrapes, ~30x node_exporter's throughput.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss256k", "-XX:TieredStopAtLevel=1", \
            "-jar", "/opt/hafs/hafs-training-exporter.jar"]
