package io.revbot.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoaderTest {

    /** The module's own folder holds the real specs (Surefire runs in the module directory). */
    private static final Path REAL_AGENTS = Path.of("").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void theShippedSpecsLoadFromDiskAndFromTheClasspath() {
        Agents fromDisk = AgentLoader.fromDirectory(REAL_AGENTS);
        Agents fromClasspath = AgentLoader.fromClasspath(getClass().getClassLoader());

        assertThat(fromDisk.all().keySet()).containsExactlyInAnyOrderElementsOf(AgentLoader.REQUIRED);
        assertThat(fromClasspath.all().keySet()).containsExactlyInAnyOrderElementsOf(AgentLoader.REQUIRED);
        assertThat(fromDisk.get(AgentName.DEAL_ANALYSIS).tools()).contains("deal_review", "knowledge_search");
        assertThat(fromDisk.get(AgentName.LEAD_ANALYSIS).tools()).contains("lead_assessment");
        assertThat(fromDisk.get(AgentName.DEAL_ANALYSIS).instructions()).contains("deal_review");
        assertThat(fromDisk.manager().tools()).containsExactly("knowledge_search");
        assertThat(fromDisk.specialists()).extracting(AgentSpec::name).doesNotContain(AgentName.MANAGER);
        assertThat(fromDisk.get(AgentName.DATA).model().temperature()).contains(0.0);
        assertThat(fromClasspath.get(AgentName.EXECUTION).instructions())
                .isEqualTo(fromDisk.get(AgentName.EXECUTION).instructions());
    }

    @Test
    void anUnknownToolNameStopsLoadingNamingTheFileAndField() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(dir.resolve("data/agent.yaml"), "description: numbers\ntools: [run_sql, run_sqll]\n");

        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .isInstanceOf(AgentSpecException.class)
                .hasMessageContaining("data/agent.yaml")
                .hasMessageContaining("field 'tools'")
                .hasMessageContaining("unknown tool 'run_sqll'");
    }

    @Test
    void anAgentMayNameMcpServersAndABadNameStopsLoading() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(
                dir.resolve("data/agent.yaml"), "description: numbers\ntools: [run_sql]\nmcp: [crm_extra, tickets]\n");

        assertThat(AgentLoader.fromDirectory(dir).get(AgentName.DATA).mcpServers())
                .containsExactly("crm_extra", "tickets");
        assertThat(AgentLoader.fromDirectory(dir).get(AgentName.DEAL_ANALYSIS).mcpServers())
                .isEmpty();

        Files.writeString(dir.resolve("data/agent.yaml"), "description: numbers\ntools: [run_sql]\nmcp: [Crm-Extra]\n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .isInstanceOf(AgentSpecException.class)
                .hasMessageContaining("data/agent.yaml")
                .hasMessageContaining("field 'mcp'")
                .hasMessageContaining("Crm-Extra");

        Files.writeString(dir.resolve("data/agent.yaml"), "description: numbers\ntools: [run_sql]\nmcp: crm_extra\n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir)).hasMessageContaining("field 'mcp' must be a list");
    }

    @Test
    void anUnknownKeyStopsLoading() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(
                dir.resolve("web_search/agent.yaml"),
                "description: web\ntools: [web_search]\nmodel:\n  temprature: 0.3\n");

        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("web_search/agent.yaml")
                .hasMessageContaining("unknown field 'model.temprature'");
    }

    @Test
    void badYamlAndMissingFilesStopLoading() throws IOException {
        Path dir = copyOfRealAgents();
        Files.writeString(dir.resolve("execution/agent.yaml"), "description: [unclosed\n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("execution/agent.yaml")
                .hasMessageContaining("is not valid YAML");

        Path other = copyOfRealAgents();
        Files.delete(other.resolve("lead_analysis/instructions.md"));
        assertThatThrownBy(() -> AgentLoader.fromDirectory(other))
                .hasMessageContaining("lead_analysis/instructions.md")
                .hasMessageContaining("missing");

        Path braces = copyOfRealAgents();
        Files.writeString(braces.resolve("data/instructions.md"), "Use {{quarter}} here.");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(braces))
                .hasMessageContaining("data/instructions.md")
                .hasMessageContaining("'{{'");

        Path third = copyOfRealAgents();
        Files.writeString(third.resolve("data/agent.yaml"), "tools: [run_sql]\n");
        assertThatThrownBy(() -> AgentLoader.fromDirectory(third))
                .hasMessageContaining("data/agent.yaml")
                .hasMessageContaining("field 'description' is required");
    }

    @Test
    void aMissingRequiredAgentStopsLoading() throws IOException {
        Path dir = copyOfRealAgents();
        deleteTree(dir.resolve("execution"));

        assertThatThrownBy(() -> AgentLoader.fromDirectory(dir))
                .hasMessageContaining("execution/agent.yaml")
                .hasMessageContaining("RevBot needs the agent 'execution'");
    }

    @Test
    void anExtraFolderIsAnExtraSpecialist() throws IOException {
        Path dir = copyOfRealAgents();
        Files.createDirectories(dir.resolve("renewals"));
        Files.writeString(dir.resolve("renewals/agent.yaml"), "description: renewals\ntools: [churn_risk]\n");
        Files.writeString(dir.resolve("renewals/instructions.md"), "You handle renewals.");

        assertThat(AgentLoader.fromDirectory(dir).specialists())
                .extracting(s -> s.name().value())
                .contains("renewals");
    }

    @Test
    void theCatalogPicksUpEditedInstructionsAndKeepsTheOldSpecsWhenAnEditIsInvalid() throws IOException {
        Path dir = copyOfRealAgents();
        AgentCatalog catalog = AgentCatalog.of(Optional.of(dir));
        catalog.load();
        Path instructions = dir.resolve("data/instructions.md");

        Files.writeString(instructions, "You are the edited data agent.");
        Files.setLastModifiedTime(instructions, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(catalog.current().get(AgentName.DATA).instructions()).isEqualTo("You are the edited data agent.");

        Path yaml = dir.resolve("data/agent.yaml");
        Files.writeString(yaml, "description: x\ntools: [nope]\n");
        Files.setLastModifiedTime(yaml, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(catalog.current().get(AgentName.DATA).instructions()).isEqualTo("You are the edited data agent.");
    }

    private Path copyOfRealAgents() throws IOException {
        Path dir = Files.createTempDirectory(temp, "agents");
        for (AgentName name : AgentLoader.REQUIRED) {
            Path folder = Files.createDirectories(dir.resolve(name.value()));
            Files.copy(REAL_AGENTS.resolve(name.value()).resolve("agent.yaml"), folder.resolve("agent.yaml"));
            Files.copy(REAL_AGENTS.resolve(name.value()).resolve("instructions.md"), folder.resolve("instructions.md"));
        }
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
