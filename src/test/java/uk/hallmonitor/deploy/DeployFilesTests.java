package uk.hallmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import uk.hallmonitor.AppTestSupport;

/**
 * What can be checked of the deploy files without Docker or Kubernetes (neither runs on these machines): every YAML
 * file parses; every environment variable they give Hallmonitor is one the application reads; every probe and
 * health-check path answers on a running instance; the image starts the jar the build makes; and every metric the
 * alert rules use is published.
 */
class DeployFilesTests extends AppTestSupport {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern ENV_LOOKUP = Pattern.compile("getProperty\\(\"([A-Za-z][A-Za-z0-9_.-]*)\"");
    private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9.\\[\\]-]+)\"");

    @Test
    void everyYamlFileUnderDeployParses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).extracting(path -> DEPLOY.relativize(path).toString().replace('\\', '/'))
                .contains("compose/compose.yml", "kubernetes/base/deployment.yaml", "kubernetes/base/pdb.yaml",
                        "kubernetes/base/networkpolicy.yaml", "kubernetes/overlays/production/kustomization.yaml",
                        "monitoring/alerts.yml");
        for (Path file : files) {
            List<Object> documents = documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void everyEnvironmentVariableTheDeployFilesSetIsOneTheApplicationReads() throws IOException {
        Set<String> known = knownEnvironment();
        // the check itself refuses what the application does not read
        assertThat(reads("HALLMONITOR_NOT_A_SETTING", known)).isFalse();
        assertThat(reads("SPRING_MAIL_HOST", known)).isTrue();

        Set<String> given = new TreeSet<>();
        given.addAll(composeEnvironment());
        given.addAll(kubernetesEnvironment());
        given.addAll(dockerfileEnvironment());
        assertThat(given).contains("MONGODB_URI", "HALLMONITOR_MASTER_KEY", "HALLMONITOR_OIDC_MICROSOFT_CLIENT_SECRET",
                "HALLMONITOR_TRUSTED_PROXIES", "HALLMONITOR_DATA_DIR");
        assertThat(given.stream().filter(name -> !reads(name, known)).toList())
                .as("environment variables the application does not read").isEmpty();
    }

    @Test
    void everyProbeAndHealthCheckPathAnswersOnARunningInstance() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Object document : documents(DEPLOY.resolve("kubernetes/base/deployment.yaml"))) {
            collect(document, "path", paths);
        }
        Matcher docker = Pattern.compile("(/actuator/[a-z/]+)").matcher(read(DEPLOY.resolve("container/Dockerfile")));
        while (docker.find()) {
            paths.add(docker.group(1));
        }
        Matcher caddy = Pattern.compile("health_uri\\s+(\\S+)").matcher(read(DEPLOY.resolve("compose/Caddyfile")));
        while (caddy.find()) {
            paths.add(caddy.group(1));
        }
        assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness");
        for (String path : paths) {
            web.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    void theImageStartsTheJarTheBuildMakes() throws IOException {
        String pom = read(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).as("pom.xml names its jar").isTrue();
        String jar = finalName.group(1) + ".jar";

        String dockerfile = read(DEPLOY.resolve("container/Dockerfile"));
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]\\s*$").matcher(dockerfile);
        assertThat(entrypoint.find()).as("an exec-form ENTRYPOINT").isTrue();
        List<String> command = new ArrayList<>();
        Matcher argument = Pattern.compile("\"([^\"]*)\"").matcher(entrypoint.group(1));
        while (argument.find()) {
            command.add(argument.group(1));
        }
        assertThat(command).startsWith("java").contains("-jar");
        String started = command.get(command.indexOf("-jar") + 1);
        // the runtime stage copies the build's jar, extracts it to the folder whose jar the entrypoint starts, and
        // writes there the class-data archive the entrypoint names
        Matcher copy = Pattern.compile("(?m)^COPY --from=build /src/target/" + Pattern.quote(jar) + " (\\S+)$")
                .matcher(dockerfile);
        assertThat(copy.find()).as("the runtime stage copies the build's " + jar).isTrue();
        String folder = started.substring(0, started.lastIndexOf('/'));
        assertThat(dockerfile).contains("-jar " + copy.group(1) + " extract --destination " + folder);
        assertThat(started).endsWith("/" + jar);
        String archive = command.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .orElseThrow(() -> new AssertionError("the entrypoint names no class-data archive"))
                .substring("-XX:SharedArchiveFile=".length());
        assertThat(dockerfile).contains("-XX:ArchiveClassesAtExit=" + archive)
                .contains("-Dspring.context.exit=onRefresh -Dserver.port=0")
                .contains("-jar " + started);
        assertThat(dockerfile).containsPattern("(?m)^USER 10001");
        assertThat(dockerfile).containsPattern("(?ms)^HEALTHCHECK .*?/actuator/health/readiness");
    }

    @Test
    void everyMetricTheAlertRulesUseIsPublished() throws IOException {
        String published = admin().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Set<String> names = new TreeSet<>();
        for (String line : published.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        Set<String> used = new TreeSet<>();
        Map<?, ?> rules = (Map<?, ?>) documents(DEPLOY.resolve("monitoring/alerts.yml")).get(0);
        for (Object group : (Collection<?>) rules.get("groups")) {
            for (Object rule : (Collection<?>) ((Map<?, ?>) group).get("rules")) {
                used.addAll(metrics(String.valueOf(((Map<?, ?>) rule).get("expr"))));
            }
        }
        used.remove("up");
        assertThat(used).contains("hallmonitor_sla_breaches_total", "http_server_requests_seconds_count");
        assertThat(used.stream().filter(metric -> !names.contains(metric)).toList())
                .as("metrics the alert rules use that the service does not publish").isEmpty();
    }

    // ---- what the application reads

    /**
     * Environment variables the application reads: the {@code ${NAME}} placeholders of its configuration files, the
     * names its code looks up, and (Spring's relaxed binding) any configuration property it declares or looks up,
     * spelled as an environment variable.
     */
    private static Set<String> knownEnvironment() throws IOException {
        Set<String> known = new TreeSet<>();
        try (Stream<Path> resources = Files.walk(Path.of("src/main/resources"))) {
            for (Path file : resources.filter(p -> p.toString().matches(".*\\.(yml|yaml|properties)")).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(read(file));
                while (placeholder.find()) {
                    known.add(placeholder.group(1));
                }
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher lookup = ENV_LOOKUP.matcher(read(file));
                while (lookup.find()) {
                    known.add(relaxed(lookup.group(1)));
                }
            }
        }
        Enumeration<URL> metadata = DeployFilesTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                Matcher name = METADATA_NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (name.find()) {
                    known.add(relaxed(name.group(1)));
                }
            }
        }
        return known;
    }

    /** A property name as an environment variable: {@code hallmonitor.store.data-dir} is HALLMONITOR_STORE_DATADIR. */
    private static String relaxed(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean reads(String variable, Set<String> known) {
        return known.contains(variable);
    }

    // ---- what the deploy files set

    private static Set<String> composeEnvironment() throws IOException {
        Set<String> names = new TreeSet<>();
        Map<?, ?> compose = (Map<?, ?>) documents(DEPLOY.resolve("compose/compose.yml")).get(0);
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        services.forEach((name, service) -> {
            Map<?, ?> definition = (Map<?, ?>) service;
            if (String.valueOf(name).startsWith("hallmonitor")) {
                assertThat(definition.get("read_only")).as(name + " has a read-only root").isEqualTo(true);
                Object environment = definition.get("environment");
                if (environment instanceof Map<?, ?> map) {
                    map.keySet().forEach(key -> names.add(String.valueOf(key)));
                } else if (environment instanceof Collection<?> list) {
                    list.forEach(item -> names.add(String.valueOf(item).split("=", 2)[0]));
                }
            }
        });
        assertThat(services.keySet().stream().map(String::valueOf).toList()).as("services").contains("hallmonitor-1",
                "hallmonitor-2", "mongo-1", "mongo-2",
                "mongo-3", "mongo-init", "proxy", "mailpit");
        assertThat(names).as("compose gives the instances their environment").isNotEmpty();
        return names;
    }

    private static Set<String> kubernetesEnvironment() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Object document : documents(DEPLOY.resolve("kubernetes/base/deployment.yaml"))) {
            Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) document).get("spec")).get("template"))
                    .get("spec");
            for (Object container : (Collection<?>) spec.get("containers")) {
                for (Object variable : (Collection<?>) ((Map<?, ?>) container).get("env")) {
                    names.add(String.valueOf(((Map<?, ?>) variable).get("name")));
                }
            }
        }
        // envFrom: the settings ConfigMap the overlay generates
        Map<?, ?> overlay = (Map<?, ?>) documents(DEPLOY.resolve("kubernetes/overlays/production/kustomization.yaml"))
                .get(0);
        for (Object generator : (Collection<?>) overlay.get("configMapGenerator")) {
            for (Object literal : (Collection<?>) ((Map<?, ?>) generator).get("literals")) {
                names.add(String.valueOf(literal).split("=", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> dockerfileEnvironment() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher env = Pattern.compile("(?m)^ENV\\s+([A-Z][A-Z0-9_]*)[= ]")
                .matcher(read(DEPLOY.resolve("container/Dockerfile")));
        while (env.find()) {
            names.add(env.group(1));
        }
        return names;
    }

    // ---- helpers

    /** Metric names in a PromQL expression: words followed by a selector, a range or a comparison. */
    static Set<String> metrics(String expression) {
        String withoutGrouping = expression.replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\{[^}]*}", "{}");
        Set<String> functions = Set.of("sum", "rate", "increase", "max", "min", "avg", "count", "irate",
                "histogram_quantile", "time", "abs", "and", "or", "unless");
        Set<String> found = new TreeSet<>();
        Matcher word = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b").matcher(withoutGrouping);
        while (word.find()) {
            String name = word.group(1);
            if (!functions.contains(name) && !name.matches("\\d.*|[mhsd]")) {
                found.add(name);
            }
        }
        return found;
    }

    private static void collect(Object node, String key, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k) && v instanceof String s) {
                    into.add(s);
                }
                collect(v, key, into);
            });
        } else if (node instanceof Collection<?> list) {
            list.forEach(item -> collect(item, key, into));
        }
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList();
        }
    }

    private static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file)).forEach(documents::add);
        return documents;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
