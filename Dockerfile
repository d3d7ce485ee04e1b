# todo-server: a multi-stage build, the runtime image holds only the binary and libpq.
FROM rust:1.95-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock diesel.toml ./
COPY crates crates
COPY migrations migrations
COPY tests tests
RUN cargo build --release --locked -p todo-app --bin todo-server

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home todo
COPY --from=build /src/target/release/todo-server /usr/local/bin/todo-server
USER todo
ENV TODO_BIND=0.0.0.0:8000 \
    RUST_LOG=info
EXPOSE 8000
ENTRYPOINT ["/usr/local/bin/todo-server"]
