# The committed gateway config (gateway/*.conf) made to run on loopback, for scripts/gateway-check and scripts/dask-check:
#   source scripts/lib/gateway-conf.sh
#   ensure_nginx                                   nginx, and its stream module (Debian builds it as a dynamic module)
#   gateway_conf WORK PORT STREAM_PORT P1 P2       WORK/nginx.conf and its snippets: the HTTP gateway on PORT, the
#                                                  stream passthrough on STREAM_PORT, the instances on P1 and P2 with
#                                                  their stream ports at P1+10 and P2+10 (start them with
#                                                  --convolution.stream.port=$((P + 10)))
ensure_nginx() {
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "installing nginx from Debian"
    apt-get update -qq >/dev/null && apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  NGINX_STREAM_MODULE=""
  if ! "$NGINX" -V 2>&1 | tr ' ' '\n' | grep -qx -- '--with-stream'; then
    NGINX_STREAM_MODULE=/usr/lib/nginx/modules/ngx_stream_module.so
    if [ ! -f "$NGINX_STREAM_MODULE" ]; then
      echo "installing nginx's stream module from Debian"
      apt-get update -qq >/dev/null && apt-get install -y -qq libnginx-mod-stream >/dev/null
    fi
  fi
}

gateway_conf() {
  local work=$1 port=$2 stream_port=$3 p1=$4 p2=$5
  { [ -n "$NGINX_STREAM_MODULE" ] && echo "load_module $NGINX_STREAM_MODULE;"; cat gateway/nginx.conf; } > "$work/nginx.conf"
  printf 'listen 127.0.0.1:%s;\n' "$port" > "$work/listen.conf"
  printf 'listen 127.0.0.1:%s;\n' "$stream_port" > "$work/stream-listen.conf"
  # the committed upstream blocks, their one server line replaced by the two instances
  sed -E "s|^( *)server convolution:8080 (.*);|\1server 127.0.0.1:$p1 \2;\n\1server 127.0.0.1:$p2 \2;|" gateway/upstream.conf \
    > "$work/upstream.conf"
  sed -E "s|^( *)server convolution:8081 (.*);|\1server 127.0.0.1:$((p1 + 10)) \2;\n\1server 127.0.0.1:$((p2 + 10)) \2;|" \
    gateway/stream-upstream.conf > "$work/stream-upstream.conf"
  grep -q "127.0.0.1:$p2" "$work/upstream.conf" && grep -q "127.0.0.1:$((p2 + 10))" "$work/stream-upstream.conf"
}
