package dev.convolution.deploy;

import dev.convolution.MockMvcBodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.config.ConcurrencyProperties;
import dev.convolution.config.LimitsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile, docker-compose.yml, the Kubernetes manifests and the gateway's nginx config agree
 * with each other and with the application: ports, paths, health endpoints, replica count, and every
 * limit settable by environment variable.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class DeploymentConfigTest {
    @Autowired
    MockMvc mvc;

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Yaml().load(read("docker-compose.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    private static String first(Pattern p, String text, String what) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(what).isTrue();
        return m.group(1);
    }

    @Test
    void everyFileUsesTheSameServicePort() throws IOException {
        String docker = read("Dockerfile");
        String port = first(Pattern.compile("(?m)^EXPOSE (\\d+)"), docker, "Dockerfile EXPOSE");
        assertThat(first(Pattern.compile("SERVER_PORT=(\\d+)"), docker, "Dockerfile SERVER_PORT")).isEqualTo(port);
        assertThat(first(Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)"), docker, "Dockerfile HEALTHCHECK port")).isEqualTo(port);
        assertThat(first(Pattern.compile("(?m)^\\s*port: (\\d+)"), read("src/main/resources/application.yml"), "server.port"))
                .isEqualTo(port);
        assertThat(first(Pattern.compile("server convolution:(\\d+)"), read("gateway/upstream.conf"), "upstream")).isEqualTo(port);
        Map<String, Object> svc = service("convolution");
        // the service port, then the stream port (convolution.stream.port) the gateway's stream passthrough reaches
        String stream = String.valueOf(((Map<?, ?>) svc.get("environment")).get("CONVOLUTION_STREAM_PORT"));
        assertThat(strings(svc.get("expose"))).containsExactly(port, stream);
        assertThat(first(Pattern.compile("server convolution:(\\d+)"), read("gateway/stream-upstream.conf"), "stream upstream"))
                .isEqualTo(stream);
        assertThat(((Map<?, ?>) svc.get("environment")).get("SERVER_PORT")).isEqualTo(port);
        assertThat(String.valueOf(svc.get("healthcheck"))).contains("/dev/tcp/127.0.0.1/" + port);
    }

    @Test
    void gatewayListensWhereComposePublishesIt() throws IOException {
        String listen = first(Pattern.compile("listen (\\d+);"), read("gateway/listen.conf"), "listen");
        List<?> ports = (List<?>) service("gateway").get("ports");
        assertThat(String.valueOf(ports.get(0))).endsWith(":" + listen);
        assertThat(String.valueOf(service("gateway").get("healthcheck"))).contains("127.0.0.1:" + listen + "/healthz");
        assertThat(read("gateway/nginx.conf")).contains("location = /healthz");
    }

    @Test
    void composeMountsTheCommittedGatewayFilesWhereNginxIncludesThem() throws IOException {
        String conf = read("gateway/nginx.conf");
        List<String> volumes = strings(service("gateway").get("volumes"));
        assertThat(volumes).contains("./gateway/nginx.conf:/etc/nginx/nginx.conf:ro");
        for (String include : List.of("upstream.conf", "listen.conf", "stream-upstream.conf", "stream-listen.conf")) {
            assertThat(conf).contains("include " + include + ";");
            assertThat(Files.exists(Path.of("gateway", include))).isTrue();
            assertThat(volumes).contains("./gateway/" + include + ":/etc/nginx/" + include + ":ro");
        }
        assertThat(read("gateway/upstream.conf")).contains("upstream convolution");
        // streamed volumes pass at the TCP level to the replicas' stream port, which compose and Kubernetes open
        assertThat(read("gateway/stream-upstream.conf")).contains("upstream convolution_stream").contains("server convolution:8081 ");
        assertThat(conf).contains("proxy_pass convolution_stream;");
        assertThat(read("docker-compose.yml")).contains("CONVOLUTION_STREAM_PORT: \"8081\"");
        assertThat(read("k8s/convolution.yaml")).contains("containerPort: 8081").contains("name: CONVOLUTION_STREAM_PORT");
        assertThat(conf).contains("proxy_pass http://convolution;");
        assertThat(compose().get("services")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("convolution");
    }

    @Test
    void everyGatewayWorkerSharesOneRecordOfTheReplicasFailures() throws IOException {
        String upstream = read("gateway/upstream.conf");
        // nginx runs a worker per core ("auto"): a replica back from a restart must be back for all of them at its first
        // success, which needs the upstream's state in a shared zone
        assertThat(read("gateway/nginx.conf")).contains("worker_processes auto;");
        assertThat(upstream).containsPattern("(?m)^\\s*zone convolution \\d+k;");
        assertThat(upstream).containsPattern("max_fails=\\d+ fail_timeout=\\d+s");
    }

    @Test
    void aSaturatedReplicasRefusalIsTriedOnceMoreButNeverCountedAsItsFailure() throws IOException {
        String nginx = read("gateway/nginx.conf");
        // every status named in proxy_next_upstream is a failed attempt against max_fails: 503 must not be one of them
        String retried = first(Pattern.compile("proxy_next_upstream ([^;]+);"), nginx, "proxy_next_upstream");
        assertThat(retried.split(" ")).contains("error", "timeout", "non_idempotent").doesNotContain("http_503", "http_504");
        assertThat(nginx).contains("proxy_intercept_errors on;").contains("error_page 503 = @saturated;");
        assertThat(nginx).containsPattern("location @saturated \\{\\s*proxy_pass http://convolution;\\s*}");
        // intercepting other statuses would replace the service's problem+json answers with nginx's pages
        assertThat(Pattern.compile("error_page ([^=;]+)").matcher(nginx).results().map(m -> m.group(1).trim()).toList())
                .containsExactly("503");
        assertThat(read("gateway/upstream.conf")).containsPattern("(?m)^\\s*least_conn;");
    }

    @Test
    void gatewayRoutesTheApiTheDocumentSwaggerUiAndTheExplorer() throws IOException {
        Pattern routed = Pattern.compile(first(Pattern.compile("location ~ (\\^/\\(api/\\|v3/api-docs\\|swagger-ui[^ ]*\\)) \\{"),
                read("gateway/nginx.conf"), "routing location"));
        for (String path : List.of("/api/v1/signals/convolve", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html", "/",
                "/index.html", "/explorer", "/explorer/explorer.js", "/explorer/explorer.css")) {
            assertThat(routed.matcher(path).find()).as(path).isTrue();
        }
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/error", "/explorerx", "/index.htmlx")) {
            assertThat(routed.matcher(path).find()).as(path).isFalse();
        }
        assertThat(read("gateway/nginx.conf")).contains("proxy_set_header X-Request-Id $gateway_request_id;");
    }

    @Test
    void bodyLimitOfTheGatewayAdmitsTheServiceDefault() throws Exception {
        long mib = Long.parseLong(first(Pattern.compile("client_max_body_size (\\d+)m;"), read("gateway/nginx.conf"), "body size"));
        long service = Long.parseLong(first(Pattern.compile("max-body-bytes: (\\d+)"), read("src/main/resources/application.yml"), "limit"));
        assertThat(mib * 1024 * 1024).isGreaterThanOrEqualTo(service);
    }

    @Test
    void gatewayHoldsSlowClientsAndNeverReusesAConnectionAReplicaIsClosing() throws Exception {
        String nginx = read("gateway/nginx.conf");
        assertThat(nginx).contains("proxy_request_buffering on;");
        assertThat(Integer.parseInt(first(Pattern.compile("worker_connections (\\d+);"), nginx, "worker_connections")))
                .isGreaterThanOrEqualTo(8192);
        assertThat(Integer.parseInt(first(Pattern.compile("client_header_timeout (\\d+)s;"), nginx, "header timeout"))).isPositive();
        assertThat(Integer.parseInt(first(Pattern.compile("client_body_timeout (\\d+)s;"), nginx, "body timeout"))).isPositive();
        int gatewayKeepAlive = Integer.parseInt(first(Pattern.compile("keepalive_timeout (\\d+)s;"), read("gateway/upstream.conf"),
                "upstream keep-alive"));
        String yml = read("src/main/resources/application.yml");
        int replicaKeepAlive = Integer.parseInt(first(Pattern.compile("connection-timeout: (\\d+)s"), yml, "Tomcat connection timeout"));
        assertThat(gatewayKeepAlive).isLessThan(replicaKeepAlive);
        assertThat(yml).contains("max-swallow-size: 0");
        assertThat(read("scripts/gateway-check")).contains("gateway_conf \"$work\"");
        assertThat(read("scripts/lib/gateway-conf.sh")).contains("gateway/upstream.conf \\\n    > \"$work/upstream.conf\"");
    }

    @Test
    void healthChecksProbeEndpointsTheServiceAnswers() throws Exception {
        String liveness = first(Pattern.compile("GET (/actuator/health/\\w+) HTTP"), read("Dockerfile"), "Dockerfile probe");
        String readiness = first(Pattern.compile("GET (/actuator/health/\\w+) HTTP"), String.valueOf(service("convolution").get("healthcheck")),
                "compose probe");
        assertThat(liveness).isEqualTo("/actuator/health/liveness");
        assertThat(readiness).isEqualTo("/actuator/health/readiness");
        mvc.perform(get(liveness)).andExpect(status().isOk());
        mvc.perform(get(readiness)).andExpect(status().isOk());
    }

    @Test
    void composeRunsAtLeastTwoReplicasWithEveryLimitFromTheEnvironment() throws IOException {
        Map<String, Object> svc = service("convolution");
        assertThat((Integer) ((Map<?, ?>) svc.get("deploy")).get("replicas")).isGreaterThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) svc.get("environment");
        for (var c : LimitsProperties.class.getRecordComponents()) {
            assertThat(env).containsKey("CONVOLUTION_LIMITS_" + upperSnake(c.getName()));
        }
        for (var c : ConcurrencyProperties.class.getRecordComponents()) {
            assertThat(env).containsKey("CONVOLUTION_CONCURRENCY_" + upperSnake(c.getName()));
        }
        String readme = read("README.md");
        for (String key : env.keySet()) {
            if (key.startsWith("CONVOLUTION_")) {
                assertThat(readme).as("README documents %s", key).contains(key);
            }
        }
    }

    @Test
    void dockerfileBuildsInStagesAndRunsTheExtractedLayersAsNonRoot() throws IOException {
        String docker = read("Dockerfile");
        assertThat(Pattern.compile("(?m)^FROM .* AS build").matcher(docker).find()).isTrue();
        assertThat(docker).contains("./mvnw").contains("-Djarmode=tools").contains("extract --layers")
                .contains("ENTRYPOINT [\"java\", \"--add-modules=jdk.incubator.vector\", \"-jar\", \"application.jar\"]").contains("HEALTHCHECK")
                .contains("org.opencontainers.image.title").contains("MaxRAMPercentage");
        assertThat(first(Pattern.compile("(?m)^USER (\\S+)"), docker, "USER")).doesNotStartWith("0").isNotEqualTo("root");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(docker).contains("COPY --from=build /extracted/" + layer + "/ ./");
        }
        assertThat(read(".dockerignore")).contains("!src/").contains("!mvnw");
    }

    @Test
    void theScriptsThatRunTheServiceAsTheContainerDoesUseTheDockerfilesCollector() throws IOException {
        String options = first(Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\""), read("Dockerfile"), "JAVA_TOOL_OPTIONS");
        List<String> collector = Pattern.compile("-XX:\\+Use\\w+GC|-XX:G1\\w+=\\S+").matcher(options).results()
                .map(m -> m.group()).toList();
        assertThat(collector).as("the container names its collector").contains("-XX:+UseG1GC")
                .anyMatch(f -> f.startsWith("-XX:G1PeriodicGCInterval="));
        // the lines that start the service's JVM (not a comment that names the flags)
        for (String script : List.of("scripts/stream-figures", "scripts/bench-binary", "scripts/heap-per-byte.py")) {
            List<String> starts = read(script).lines().filter(l -> l.contains("--add-modules=jdk.incubator.vector") && l.contains("-Xm")
                    && !l.stripLeading().startsWith("#")).toList();
            assertThat(starts).as("%s starts the service", script).isNotEmpty();
            for (String line : starts) {
                String flags = script.endsWith(".py") ? line.replace("\", \"", " ") : line;
                assertThat(flags).as(script).contains(String.join(" ", collector));
            }
            assertThat(read(script)).as(script).doesNotContain("UseParallelGC");
        }
    }

    /** The documents of k8s/convolution.yaml by kind. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> kubernetes() throws IOException {
        Map<String, Map<String, Object>> byKind = new java.util.LinkedHashMap<>();
        for (Object doc : new Yaml().loadAll(read("k8s/convolution.yaml"))) {
            Map<String, Object> m = (Map<String, Object>) doc;
            byKind.put((String) m.get("kind"), m);
        }
        return byKind;
    }

    /** The value at a path of map keys and list indices. */
    private static Object at(Object node, Object... path) {
        Object n = node;
        for (Object step : path) {
            n = step instanceof Integer i ? ((List<?>) n).get(i) : ((Map<?, ?>) n).get(step);
            assertThat(n).as("%s in %s", step, java.util.Arrays.toString(path)).isNotNull();
        }
        return n;
    }

    private static Map<?, ?> container() throws IOException {
        return (Map<?, ?>) at(kubernetes().get("Deployment"), "spec", "template", "spec", "containers", 0);
    }

    @Test
    void kubernetesRunsAtLeastTwoReplicasWhoseProbesTheServiceAnswers() throws Exception {
        Map<String, Map<String, Object>> k = kubernetes();
        assertThat(k.keySet()).contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
        assertThat((Integer) at(k.get("Deployment"), "spec", "replicas")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) at(k.get("HorizontalPodAutoscaler"), "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat(at(k.get("HorizontalPodAutoscaler"), "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
        Map<?, ?> c = container();
        assertThat(at(c, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            mvc.perform(get((String) at(c, probe, "httpGet", "path"))).andExpect(status().isOk());
        }
    }

    @Test
    void kubernetesRunsTheImageAsComposeDoesWithEveryLimitFromTheEnvironment() throws IOException {
        Map<?, ?> c = container();
        String port = first(Pattern.compile("(?m)^EXPOSE (\\d+)"), read("Dockerfile"), "Dockerfile EXPOSE");
        assertThat(String.valueOf(at(c, "ports", 0, "containerPort"))).isEqualTo(port);
        Map<String, String> env = new java.util.TreeMap<>();
        for (Object e : (List<?>) at(c, "env")) {
            env.put((String) at(e, "name"), String.valueOf(at(e, "value")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> composeEnv = (Map<String, Object>) service("convolution").get("environment");
        Map<String, String> composeDefaults = new java.util.TreeMap<>();
        composeEnv.forEach((key, value) -> {
            Matcher m = Pattern.compile("\\$\\{\\w+:-(.*)}").matcher(String.valueOf(value));
            composeDefaults.put(key, m.matches() ? m.group(1) : String.valueOf(value));
        });
        assertThat(env).as("the same variables and defaults as docker-compose.yml").isEqualTo(composeDefaults);
        // requests equal limits, and the memory is compose's
        assertThat(at(c, "resources", "requests")).isEqualTo(at(c, "resources", "limits"));
        String composeMemory = String.valueOf(at(service("convolution"), "deploy", "resources", "limits", "memory"));
        assertThat(at(c, "resources", "limits", "memory")).isEqualTo(composeMemory.replace("g", "Gi"));
        // as the image's USER, with a writable /tmp on a read-only root
        String user = first(Pattern.compile("(?m)^USER (\\d+)"), read("Dockerfile"), "USER");
        Map<?, ?> pod = (Map<?, ?>) at(kubernetes().get("Deployment"), "spec", "template", "spec");
        assertThat(String.valueOf(at(pod, "securityContext", "runAsUser"))).isEqualTo(user);
        assertThat(at(c, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(c, "volumeMounts", 0, "mountPath")).isEqualTo("/tmp");
    }

    @Test
    void kubernetesSelectorsTargetsAndShutdownAgree() throws IOException {
        Map<String, Map<String, Object>> k = kubernetes();
        Object labels = at(k.get("Deployment"), "spec", "template", "metadata", "labels");
        assertThat(at(k.get("Deployment"), "spec", "selector", "matchLabels")).isEqualTo(labels);
        assertThat(at(k.get("Service"), "spec", "selector")).isEqualTo(labels);
        assertThat(at(k.get("PodDisruptionBudget"), "spec", "selector", "matchLabels")).isEqualTo(labels);
        assertThat(at(k.get("Service"), "spec", "ports", 0, "targetPort")).isEqualTo(at(container(), "ports", 0, "name"));
        assertThat(at(k.get("HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "name")).isEqualTo(at(k.get("Deployment"), "metadata", "name"));
        assertThat((Integer) at(k.get("PodDisruptionBudget"), "spec", "minAvailable"))
                .isLessThan((Integer) at(k.get("Deployment"), "spec", "replicas"));
        int graceful = Integer.parseInt(first(Pattern.compile("timeout-per-shutdown-phase: (\\d+)s"),
                read("src/main/resources/application.yml"), "graceful shutdown"));
        int preStop = (Integer) at(container(), "lifecycle", "preStop", "sleep", "seconds");
        Map<?, ?> pod = (Map<?, ?>) at(k.get("Deployment"), "spec", "template", "spec");
        assertThat((Integer) at(pod, "terminationGracePeriodSeconds")).isGreaterThan(graceful + preStop);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
