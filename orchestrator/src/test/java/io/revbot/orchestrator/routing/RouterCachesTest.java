package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.testing.ShippedRouting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterCachesTest {
    @TempDir
    Path dir;

    final ExampleClassifier.Features features = new ExampleClassifier.Features(
            ShippedRouting.miniLm(),
            ShippedRouting.agents().routing().orElseThrow().classifier());

    @Test
    void examplesAreEmbeddedOnceAndReadBackFromTheFileByTheNextProcess() {
        List<String> questions = List.of("What is our pipeline?", "Any news on Acme?");
        EmbeddingCache first = EmbeddingCache.open(Optional.of(dir.resolve("e.bin")), "model-a");
        List<ExampleClassifier.Vector> embedded = features.of(questions, first);

        EmbeddingCache second = EmbeddingCache.open(Optional.of(dir.resolve("e.bin")), "model-a");
        String masked = QuestionText.masked("Any news on Acme?", Set.of());
        assertThat(second.get(masked))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(embedded.get(1).dense()));
        assertThat(EmbeddingCache.open(Optional.of(dir.resolve("e.bin")), "model-b")
                        .get(masked))
                .isEmpty();
    }

    @Test
    void aCorruptCacheFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve("e.bin"), "not a cache");

        assertThat(EmbeddingCache.open(Optional.of(dir.resolve("e.bin")), "m").get("x"))
                .isEmpty();
    }

    @Test
    void theClassifierIsTrainedOnceForTheSameExamplesAndAgainWhenTheyChange() {
        List<ExampleClassifier.Example> examples = List.of(
                new ExampleClassifier.Example("What is our pipeline?", AgentName.DATA),
                new ExampleClassifier.Example("Any news on Acme?", AgentName.WEB_SEARCH));
        var settings = ShippedRouting.agents().routing().orElseThrow().classifier();
        List<ExampleClassifier.Vector> vectors = features.of(
                examples.stream().map(ExampleClassifier.Example::question).toList());
        AtomicInteger trainings = new AtomicInteger();
        Optional<Path> file = Optional.of(dir.resolve("c.bin"));

        ExampleClassifier first = ClassifierCache.loadOrTrain(file, "m", examples, settings, () -> {
            trainings.incrementAndGet();
            return ExampleClassifier.train(examples, vectors, settings);
        });
        ExampleClassifier cached = ClassifierCache.loadOrTrain(file, "m", examples, settings, () -> {
            trainings.incrementAndGet();
            return ExampleClassifier.train(examples, vectors, settings);
        });
        ClassifierCache.loadOrTrain(file, "m", examples.subList(0, 1), settings, () -> {
            trainings.incrementAndGet();
            return ExampleClassifier.train(examples.subList(0, 1), vectors.subList(0, 1), settings);
        });

        assertThat(trainings).hasValue(2);
        ExampleClassifier.Vector question = features.of("Did Globex raise money?");
        assertThat(cached.predict(question)).isEqualTo(first.predict(question));
    }

    @Test
    void theClassifierKeyIsTheSameInAnotherProcessSoTheNextCommandReadsTheCacheInsteadOfTraining() throws Exception {
        String here = KeyOfShippedRouting.key();

        for (int i = 0; i < 2; i++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KeyOfShippedRouting.class.getName())
                    .redirectErrorStream(true)
                    .start();
            String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(child.waitFor()).isZero();
            assertThat(printed).isEqualTo(here);
        }
    }

    /** Prints the cache key of the shipped routing settings: run in a child JVM, whose hash order differs. */
    static final class KeyOfShippedRouting {
        static String key() {
            return ClassifierCache.key(
                    "m",
                    List.of(new ExampleClassifier.Example("What is our pipeline?", AgentName.DATA)),
                    ShippedRouting.agents().routing().orElseThrow().classifier());
        }

        public static void main(String[] args) {
            System.out.println(key());
        }
    }
}
