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
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    /** Read by the AWS SDK's credential chain rather than by {@link Config}. */
    private static final List<String> READ_BY_AWS_SDK = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("docker-compose.yml")));
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

    /** Compose's {@code ${VAR:-default}} with nothing set in the shell. */
    private static String interpolate(String value) {
        Matcher m = DEFAULTED.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
        }
        return m.appendTail(out).toString();
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
