package io.revbot.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example questions and the router's spec load with the agents and are validated like them. */
class RoutingSpecLoadingTest {
    private static final Path REAL_AGENTS = Path.of("").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void theShippedExamplesAndRoutingSpecLoadFromDiskAndFromTheClasspath() {
        Agents fromDisk = AgentLoader.fromDirectory(REAL_AGENTS);
        Agents fromClasspath = AgentLoader.fromClasspath(getClass().getClassLoader());

        for (Agents agents : new Agents[] {fromDisk, fromClasspath}) {
            assertThat(agents.get(AgentName.DEAL_ANALYSIS).examples()).hasSizeGreaterThan(50);
            assertThat(agents.manager().examples()).isNotEmpty();
            RoutingSpec spec = agents.routing().orElseThrow();
            assertThat(spec.rules()).extracting(RoutingSpec.DirectRule::name).contains("greeting", "capabilities");
            assertThat(spec.thresholds().minConfidence()).isBetween(0.5, 1.0);
            assertThat(spec.multiPart().askVerbs()).contains("review", "update");
        }
        assertThat(fromClasspath.get(AgentName.DATA).examples())
                .isEqualTo(fromDisk.get(AgentName.DATA).examples());
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndADuplicateExampleStopsLoadingWithItsLine() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(dir.resolve("data/examples.txt"), "# numbers\nWhat is our pipeline?\n\nShow churn risk\n");
        assertThat(AgentLoader.fromDirectory(dir).get(AgentName.DATA).examples())
                .containsExactly("What is our pipeline?", "Show churn risk");

        Files.writeString(dir.resolve("data/examples.txt"), "What is our pipeline?\nwhat is our pipeline? \n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .isInstanceOf(AgentSpecException.class)
                .hasMessageContaining("data/examples.txt")
                .hasMessageContaining("line 2: the same question as line 1");
    }

    @Test
    void anExampleListedForTwoAgentsStopsLoading() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(dir.resolve("data/examples.txt"), "Any news on Acme?\n");
        Files.writeString(dir.resolve("web_search/examples.txt"), "Any news on Acme?\n");

        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("'Any news on Acme?' is also an example of");
    }

    @Test
    void aBadRoutingSpecStopsLoadingNamingTheFileAndField() throws IOException {
        Path dir = copyOfRealAgents();
        String routing = Files.readString(dir.resolve("routing.yaml"));
        Files.writeString(dir.resolve("routing.yaml"), routing.replace("lexical_weight:", "lexical_wieght:"));
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("routing.yaml")
                .hasMessageContaining("unknown field 'classifier.lexical_wieght'");

        Files.writeString(dir.resolve("routing.yaml"), routing);
        Files.writeString(
                dir.resolve("router-calibration.yaml"), "min_confidence: 1.5\nmin_margin: 0.2\ncalibration: x\n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("router-calibration.yaml")
                .hasMessageContaining("field 'min_confidence' must be a number from 0.0 to 1.0");

        Files.delete(dir.resolve("router-calibration.yaml"));
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("router-calibration.yaml")
                .hasMessageContaining("missing");
    }

    @Test
    void withoutRoutingYamlTheAgentsLoadWithRoutingOff() throws IOException {
        Path dir = copyOfRealAgents();
        Files.delete(dir.resolve("routing.yaml"));

        assertThat(AgentLoader.fromDirectory(dir).routing()).isEmpty();
    }

    @Test
    void aFolderNamedRouterIsRefusedBecauseTheNameIsTheRouters() throws IOException {
        Path dir = copyOfRealAgents();
        Files.createDirectories(dir.resolve("router"));
        Files.writeString(dir.resolve("router/agent.yaml"), "description: routes\ntools: []\n");
        Files.writeString(dir.resolve("router/instructions.md"), "You route.");

        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir)).hasMessageContaining("'router' is reserved");
    }

    private Path copyOfRealAgents() throws IOException {
        Path dir = Files.createTempDirectory(temp, "agents");
        for (AgentName name : AgentLoader.REQUIRED) {
            Path folder = Files.createDirectories(dir.resolve(name.value()));
            try (Stream<Path> files = Files.list(REAL_AGENTS.resolve(name.value()))) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String file : new String[] {"routing.yaml", "router-calibration.yaml"}) {
            Files.copy(REAL_AGENTS.resolve(file), dir.resolve(file));
        }
        return dir;
    }
}
