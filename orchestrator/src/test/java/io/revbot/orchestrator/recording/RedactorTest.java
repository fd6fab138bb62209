package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.Secret;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = Redactor.patternsOnly();

    private String redact(String text) {
        return redactor.redact(text, new TreeMap<>());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://app:Hunter2-Pa55@db.internal:5432/revops | Hunter2-Pa55 | postgresql://app:[REDACTED:password]@db.internal:5432/revops",
                "jdbc:postgresql://app:Hunter2-Pa55@db:5432/x | Hunter2-Pa55 | jdbc:postgresql://app:[REDACTED:password]@db:5432/x",
                "mongodb+srv://svc:s3cr3tValue@cluster0.example.net/db | s3cr3tValue | mongodb+srv://svc:[REDACTED:password]@cluster0.example.net/db",
                "jdbc:postgresql://db:5432/revops?user=app&password=Hunter2-Pa55&ssl=true | Hunter2-Pa55 | jdbc:postgresql://db:5432/revops?user=app&password=[REDACTED:password]&ssl=true",
                "jdbc:sqlserver://db:1433;databaseName=x;user=sa;password=Hunter2-Pa55; | Hunter2-Pa55 | jdbc:sqlserver://db:1433;databaseName=x;user=sa;password=[REDACTED:password];",
                "Driver={ODBC};Server=db;Uid=sa;Pwd=Hunter2-Pa55; | Hunter2-Pa55 | Driver={ODBC};Server=db;Uid=sa;Pwd=[REDACTED:password];",
                "{\"password\": \"Hunter2-Pa55\"} | Hunter2-Pa55 | {\"password\": \"[REDACTED:password]\"}",
                "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l | YWxhZGRpbjpvcGVuc2VzYW1l | Authorization: Basic [REDACTED:basic_auth]",
                "key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | key: [REDACTED:aws_secret_key] end"
            })
    void credentialsInTheirUsualShapesAreRemoved(String text, String secret, String expected) {
        String out = redact(text);
        assertThat(out).doesNotContain(secret).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The Basic analytics plan costs less; basic features suffice.",
                "commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 fixed it", // a hex digest, one case only
                "https://docs.example.com/guides/setup?password_reset=1", // no value after a password key
                "Our password policy requires rotation every 90 days.",
                "See https://user@example.com/profile for the account."
            })
    void ordinaryTextStays(String text) {
        assertThat(redact(text)).isEqualTo(text);
    }

    @Test
    void configuredSecretsAreRemovedWhereverTheyAppearAndCounted() {
        Redactor withSecret = new Redactor(List.of(Secret.of("planted-value-77")), List.of());
        ObjectNode tree = ConversationJson.MAPPER.createObjectNode();
        tree.put("a", "x planted-value-77 y");
        tree.putArray("b").add("planted-value-77");

        Redactor.Hits hits = withSecret.redact(tree);

        assertThat(tree.toString()).doesNotContain("planted-value-77");
        assertThat(hits.byKind()).containsEntry("configured_secret", 2);
    }
}
