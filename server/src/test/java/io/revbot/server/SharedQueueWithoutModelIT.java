package io.revbot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobState;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.NewJob;
import io.revbot.tools.testing.TestDatabases;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two RevBot processes' workers, each built by the composition root as {@code serve} builds them, on one PostgreSQL
 * database: one without a model, one with a model on a fake Bedrock. The one without a model never claims a question,
 * so none is dead-lettered for want of a model: they wait for the other one, which answers them all.
 */
class SharedQueueWithoutModelIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";

    private final MockWebServer bedrock = new MockWebServer();
    private final FakeConverse converse = new FakeConverse();
    private final List<AutoCloseable> open = new ArrayList<>();
    private String url;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "shared_queue");
        bedrock.setDispatcher(converse);
        bedrock.start(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        bedrock.close();
    }

    private Components process(String name, boolean withModel) {
        Map<String, String> env = new HashMap<>(Map.of(
                "REVBOT_DATABASE_URL", url,
                "REVBOT_VECTOR_DATABASE_URL", "embedded",
                "REVBOT_HOME", home.resolve(name).toString(),
                "REVBOT_EXPORT_DIR", home.resolve(name).resolve("exports").toString(),
                "REVBOT_SOURCE_ROOT", Path.of("..").toAbsolutePath().normalize().toString()));
        if (withModel) {
            env.putAll(Map.of(
                    "REVBOT_MODEL_PROVIDER", "bedrock",
                    "REVBOT_MODEL", "test-model",
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "AKIDTEST",
                    "REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + bedrock.getPort()));
        }
        Components components = new Components(Config.from(Settings.load(env, Map.of())), Clock.systemUTC());
        open.add(components);
        components.migrate();
        return components;
    }

    private JobWorkers startWorkers(Components components) {
        JobWorkers workers = components.jobWorkers().start();
        open.add(() -> workers.stop(java.time.Duration.ofSeconds(10)));
        return workers;
    }

    private static String question(int i) {
        return "{\"query\":\"Question " + i + "\",\"source_system\":\"test\",\"source_process\":\"shared\","
                + "\"session_id\":\"s-" + i + "\",\"received_at\":\"" + Instant.now() + "\",\"client\":\"crm-app\"}";
    }

    @Test
    void aProcessWithoutAModelLeavesQuestionsToOneWithAModelAndDeadLettersNone() throws Exception {
        Components noModel = process("no-model", false);
        JobWorkers idle = startWorkers(noModel);
        assertThat(idle.kinds()).contains(JobKind.WEBHOOK_DELIVERY).doesNotContain(JobKind.WEBHOOK_REQUEST);
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(noModel.jobQueue()
                    .enqueue(new NewJob(
                            JobKind.WEBHOOK_REQUEST, "q-" + i, "session:" + i, question(i), 3, "api:crm-app"))
                    .id());
        }
        Thread.sleep(2_000); // many claim rounds of the process without a model

        assertThat(ids)
                .allSatisfy(id -> assertThat(
                                noModel.jobQueue().find(id).orElseThrow().state())
                        .isEqualTo(JobState.QUEUED));

        converse.on(MANAGER, List.of(FakeConverse.text("A1"), FakeConverse.text("A2"), FakeConverse.text("A3")));
        Components withModel = process("with-model", true);
        assertThat(startWorkers(withModel).kinds()).contains(JobKind.WEBHOOK_REQUEST);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Job> jobs = List.of();
        while (System.nanoTime() < deadline) {
            jobs = ids.stream()
                    .map(id -> noModel.jobQueue().find(id).orElseThrow())
                    .toList();
            if (jobs.stream().allMatch(j -> j.state() == JobState.SUCCEEDED)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(jobs).extracting(Job::state).containsOnly(JobState.SUCCEEDED);
        assertThat(jobs).extracting(Job::attempts).containsOnly(1);
        assertThat(noModel.jobQueue().stats().dead()).isZero();
        assertThat(converse.received()).hasSize(3);
    }
}
