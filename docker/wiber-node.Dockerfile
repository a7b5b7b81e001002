# wiber-node:dev: the Wiber broker node, FROM scratch. Built by scripts/docker-images.sh, which stages
# rootfs/ (the self-contained single-file publish in /app, the shared libraries it loads, /etc/nsswitch.conf,
# empty /tmp and /data); see docs/docker.md.
#   docker run --rm -v "$PWD/lab/data:/data" wiber-node:dev --id n1    (config: /data/cluster.yaml)
FROM scratch
COPY rootfs/ /
ENV PATH=/app \
    HOME=/tmp \
    TMPDIR=/tmp \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_EnableDiagnostics=0 \
    WIBER_CONFIG=/data/cluster.yaml \
    WIBER_DATA_ROOT=/data
LABEL org.opencontainers.image.title="wiber-node" \
      org.opencontainers.image.description="Wiber broker node (self-contained .NET single file, FROM scratch)"
WORKDIR /data
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/wiber-node"]
