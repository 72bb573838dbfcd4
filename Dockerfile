# hafs-training-exporter's image: a jlink-made Java runtime with only the modules the exporter needs,
# the shaded jar and an AOT cache from a training run at build time (JDK 25, JEP 483/514/515), on a
# distroless Debian 12 base. About 95 MB; ready with data well under a second (BENCHMARKS.md).
#
#   docker build --network host -t hafs-training-exporter .
#
# Without Docker Hub or gcr.io, substitute the bases (scripts/build-local-images.sh builds them from
# Debian's packages):
#   docker build --network host --build-arg BUILD_IMAGE=local/temurin:25 \
#     --build-arg RUNTIME_IMAGE=local/distroless-base:bookworm -t hafs-training-exporter .
# Any JDK 25+ image with bash works as BUILD_IMAGE, and any glibc-based image as RUNTIME_IMAGE.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=gcr.io/distroless/base-debian12

FROM ${RUNTIME_IMAGE} AS runtime-base

FROM ${BUILD_IMAGE} AS build
ARG REVISION=unknown
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies get their own layer so a source change does not download them again. go-offline may
# trip over plugins resolved only later; the package step below is the real check.
RUN ./mvnw -B -q dependency:go-offline || true
COPY src/main src/main
# No .git in the context: the revision comes from the build argument.
RUN ./mvnw -B -q -Dmaven.test.skip=true -Dgit.commit.id.abbrev="${REVISION}" package \
 && mkdir -p /opt/hafs \
 && cp target/hafs-training-exporter.jar /opt/hafs/hafs-training-exporter.jar

# The modules, as `jdeps --print-module-deps` on the shaded jar and runs of the exporter found them:
# java.base (TLS and its EC/RSA crypto included), java.logging (the log stage is JUL), java.management
# and jdk.management (the process_* and jvm_* meters), jdk.unsupported (sun.misc.Unsafe for protobuf,
# sun.misc.Signal), jdk.zipfs (Helidon scans the jar for its metadata). jdeps also names java.desktop
# and java.sql: only for Jackson and SnakeYAML features the exporter never touches. Java debug
# attributes go; stripping native symbols would need binutils in the build image.
RUN jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.zipfs \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output /opt/hafs/runtime

# The AOT cache's training run: the exporter on sample data, asked for every format, at the very
# paths and with the very options the image runs it with (the cache checks both). Without adapter
# and stub caching: JDK 25.0.3 then warns at every start that a cached adapter does not link.
COPY docker/image/jvm.options /opt/hafs/jvm.options
COPY docker/image/aot-training.sh /usr/local/bin/aot-training.sh
COPY src/test/resources/fixtures/basic /tmp/aot-training-data
RUN aot-training.sh /opt/hafs/runtime/bin/java /opt/hafs/hafs-training-exporter.aot /tmp/aot-training-data \
      -- -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching -XX:-AOTStubCaching \
         @/opt/hafs/jvm.options -jar /opt/hafs/hafs-training-exporter.jar

# The runtime base's accounts plus the exporter's own, with a fixed uid and gid.
COPY --from=runtime-base /etc/passwd /etc/group /accounts/
RUN echo 'hafs:x:10001:10001:hafs-training-exporter:/nonexistent:/sbin/nologin' >> /accounts/passwd \
 && echo 'hafs:x:10001:' >> /accounts/group

FROM runtime-base
ARG VERSION=1.0.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="hafs-training-exporter" \
      org.opencontainers.image.description="Prometheus exporter for HAFS training data" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/hafs/hafs-training-exporter" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /accounts/passwd /accounts/group /etc/
COPY --from=build /opt/hafs /opt/hafs
# A fixed uid and gid: make the mounted training directory readable to 10001 (or to everyone).
USER 10001:10001
ENV JAVA_HOME=/opt/hafs/runtime \
    PATH=/opt/hafs/runtime/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HAFS_TRAINING_DIR=/data \
    HAFS_HEALTHCHECK_ADDRESS=:9746
VOLUME ["/data"]
EXPOSE 9746
# Right with TLS, basic auth and mutual TLS too (README: "Run it: Docker"); set HAFS_HEALTHCHECK_ADDRESS
# when --web.listen-address moves the port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/opt/hafs/runtime/bin/java", "-XX:+UseSerialGC", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", \
       "-XX:AOTCache=/opt/hafs/hafs-training-exporter.aot", "-cp", "/opt/hafs/hafs-training-exporter.jar", \
       "dev.hafs.exporter.Main", "healthcheck"]
# The JVM options BENCHMARKS.md measured (docker/image/jvm.options), the AOT cache, and the jar.
# Flags go after the image name: docker run IMAGE --web.config.file=/etc/hafs/web.yml
ENTRYPOINT ["/opt/hafs/runtime/bin/java", "@/opt/hafs/jvm.options", "-XX:AOTCache=/opt/hafs/hafs-training-exporter.aot", \
            "-jar", "/opt/hafs/hafs-training-exporter.jar"]
