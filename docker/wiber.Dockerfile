# wiber:dev: the wiber CLI, FROM scratch; the lab runs its Toxiproxy-compatible proxy in it:
#   docker run --rm -p 127.0.0.1:8474:8474 wiber:dev proxy serve --host 0.0.0.0 --port 8474
# Built by scripts/docker-images.sh, which stages rootfs/ (the self-contained single-file publish in /app,
# the shared libraries it loads, /etc/nsswitch.conf, empty /tmp and /data); see docs/docker.md.
FROM scratch
COPY rootfs/ /
ENV PATH=/app \
    HOME=/tmp \
    TMPDIR=/tmp \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_EnableDiagnostics=0
LABEL org.opencontainers.image.title="wiber" \
      org.opencontainers.image.description="wiber CLI and Toxiproxy-compatible proxy (self-contained .NET single file, FROM scratch)"
WORKDIR /data
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/wiber"]
