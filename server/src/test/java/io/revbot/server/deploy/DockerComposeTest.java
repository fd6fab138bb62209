package io.revbot.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml and the Dockerfile cannot run here (no Docker engine), so this reads them and checks them
 * against what the server actually reads: every variable given to RevBot is a key {@link Config} binds, the explicit
 * values bind without error, the published port is the one RevBot listens on, and the database URL points at the
 * compose PostgreSQL.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Compose's {@code ${VAR:-default}} and {@code ${VAR:?message}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::([-?])([^}]*))?}");

    /** What a user sets in {@code .env} for the tests that need a complete file. */
    private static final Map<String, String> DOT_ENV = Map.of("POSTGRES_PASSWORD", "test0password0123");

    /** Read by the AWS SDK's credential chain rather than by {@link Config}. */
    private static final List<String> READ_BY_AWS_SDK =
            List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE");

    /** Settings the server reads that compose does not pass through: paths inside the image, set by the Dockerfile. */
    private static final List<String> PATHS_IN_THE_IMAGE =
            List.of("REVBOT_SOURCE_ROOT", "REVBOT_AGENTS_DIR", "REVBOT_KNOWLEDGE_DIR", "REVBOT_EXPORT_DIR");

    private static String text;

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> compose =
                (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        services = (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }

    /** Compose's interpolation with {@link #DOT_ENV} set. */
    private static String interpolate(String value) {
        return interpolate(value, DOT_ENV);
    }

    /** Compose's interpolation: a required variable that is unset or empty stops it with the file's message. */
    static String interpolate(String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = env.getOrDefault(m.group(1), "");
            String replacement;
            if (!set.isEmpty()) {
                replacement = set;
            } else if ("?".equals(m.group(2))) {
                throw new IllegalStateException(
                        "required variable " + m.group(1) + " is missing a value: " + m.group(3));
            } else {
                replacement = m.group(3) == null ? "" : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** Every {@code ${…}} of the file, interpolated as compose does before it starts anything (all services). */
    static void interpolateFile(Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text.replace("$$", ""));
        while (m.find()) {
            interpolate(m.group(), env);
        }
    }

    @Test
    void everySettingTheServerReadsIsPassedThroughOrSetForTheContainer() {
        Settings settings = Settings.of(Map.of());
        Config.from(settings);
        Map<String, Object> env = environment("revbot");

        assertThat(settings.keysRead())
                .as("settings Config reads that docker-compose.yml does not pass to RevBot")
                .allSatisfy(key -> assertThat(env.containsKey(key) || PATHS_IN_THE_IMAGE.contains(key))
                        .as(key)
                        .isTrue());
        assertThat(PATHS_IN_THE_IMAGE).allSatisfy(key -> assertThat(text).contains(key));
        assertThat(environment("revbot"))
                .containsKeys(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "REVBOT_APPROVAL_TTL",
                        "REVBOT_QUARTERLY_TARGET",
                        "REVBOT_WEBHOOK_RATE_LIMIT",
                        "REVBOT_MODEL_PRICES",
                        "REVBOT_FALLBACK_MODEL");
    }

    @Test
    void withoutThePasswordsComposeRefusesToStartAndSaysWhichToSet() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> interpolateFile(Map.of())))
                .hasMessageContaining("POSTGRES_PASSWORD")
                .hasMessageContaining("no default password");
        interpolateFile(DOT_ENV); // all a user must set without the minio profile
        assertThat(text)
                .as("no default for a password, secret or token")
                .doesNotContainPattern("\\$\\{[A-Z_]*(PASSWORD|SECRET|TOKEN)[A-Z_]*:-[^}]+}");
        @SuppressWarnings("unchecked")
        List<String> minio = (List<String>) service("minio").get("entrypoint");
        assertThat(String.join(" ", minio))
                .contains("MINIO_ROOT_PASSWORD")
                .contains("exit 1")
                .contains("exec minio server /data");
    }

    @Test
    void theStopGracePeriodCoversTheDrain() {
        String grace = service("revbot").get("stop_grace_period").toString();
        assertThat(grace).matches("\\d+s");
        long seconds = Long.parseLong(grace.substring(0, grace.length() - 1));
        // the grace for running jobs, then up to 5 s to release the rest, then the JVM's exit
        assertThat(seconds)
                .isGreaterThanOrEqualTo(
                        io.revbot.server.ServerComponentsAccess.shutdownGrace().toSeconds() + 10);
    }

    @Test
    void awsProfileComesWithTheMountItNeedsDocumented() throws IOException {
        Map<String, Object> env = environment("revbot");
        assertThat(env).containsKey("AWS_PROFILE");
        assertThat(env.get("AWS_CONFIG_FILE")).isEqualTo("/aws/config");
        assertThat(env.get("AWS_SHARED_CREDENTIALS_FILE")).isEqualTo("/aws/credentials");
        assertThat(text).contains("${HOME}/.aws:/aws:ro");
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .contains("AWS_PROFILE")
                .contains("/aws");
    }

    @Test
    void theStackHasRevbotAndPostgresWithPgvectorAndOptionalOllamaAndMinio() {
        assertThat(services.keySet()).contains("revbot", "postgres", "ollama", "minio");
        assertThat(service("postgres").get("image").toString()).startsWith("pgvector/pgvector:");
        assertThat(service("revbot")).doesNotContainKey("profiles");
        assertThat(service("postgres")).doesNotContainKey("profiles");
        assertThat(service("ollama").get("profiles")).isEqualTo(List.of("ollama"));
        assertThat(service("minio").get("profiles")).isEqualTo(List.of("minio"));
        assertThat(service("revbot").get("build")).isEqualTo(".");
    }

    @Test
    void everyVariableGivenToRevbotIsAKeyTheServerReads() {
        Map<String, String> explicit = new LinkedHashMap<>();
        environment("revbot").forEach((k, v) -> {
            if (v != null) {
                explicit.put(k, interpolate(v.toString()));
            }
        });
        Settings settings = Settings.of(explicit);

        Config config = Config.from(settings); // throws on an unknown REVBOT_* key or a malformed value

        List<String> given = environment("revbot").keySet().stream()
                .filter(k -> !READ_BY_AWS_SDK.contains(k))
                .toList();
        assertThat(settings.keysRead()).containsAll(given);
        assertThat(config.storage().embedded()).isFalse();
        assertThat(config.server().port()).isEqualTo(8080);
    }

    @Test
    void revbotPublishesThePortItListensOn() {
        int listens = Integer.parseInt(environment("revbot").get("REVBOT_PORT").toString());
        @SuppressWarnings("unchecked")
        List<String> ports = (List<String>) service("revbot").get("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0)).endsWith(":" + listens);
        assertThat(service("revbot").get("healthcheck").toString()).contains("/observe/health/live");
        assertThat(service("revbot").get("healthcheck").toString()).contains("127.0.0.1/" + listens);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseUrlPointsAtTheComposePostgres() {
        String url =
                interpolate(environment("revbot").get("REVBOT_DATABASE_URL").toString());
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, Object> pg = environment("postgres");

        assertThat(uri.getHost()).isEqualTo("postgres");
        assertThat(uri.getPort()).isEqualTo(5432);
        assertThat(uri.getPath()).isEqualTo("/" + pg.get("POSTGRES_DB"));
        assertThat(uri.getQuery())
                .contains("user=" + pg.get("POSTGRES_USER"))
                .contains("password=" + interpolate(pg.get("POSTGRES_PASSWORD").toString()));
        Map<String, Object> dependsOn = (Map<String, Object>) service("revbot").get("depends_on");
        assertThat(dependsOn).containsKey("postgres");
    }

    @Test
    void theDockerfileBuildsTheFatJarAndRunsItOnAJre21() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("server/target/revbot.jar");
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:21-jre");
        assertThat(dockerfile).contains("\"serve\"");
        assertThat(Files.readString(ROOT.resolve("server/pom.xml"))).contains("<finalName>revbot</finalName>");
        assertThat(dockerfile).contains("EXPOSE " + environment("revbot").get("REVBOT_PORT"));
    }
}
