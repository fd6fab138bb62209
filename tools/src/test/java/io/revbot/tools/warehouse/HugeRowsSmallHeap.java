package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts {@link HugeRowsProbe} in a JVM with a small heap and checks what it measured. */
final class HugeRowsSmallHeap {
    static final String HEAP = "-Xmx512m";
    static final int TIMEOUT_SECONDS = 30;

    private HugeRowsSmallHeap() {}

    /** The probe's {@code key=value} lines, after checking it ended normally within the timeout. */
    static Map<String, String> run(String kind, String location, String sql) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java, HEAP, "--enable-native-access=ALL-UNNAMED", "-cp", classpath, HugeRowsProbe.class.getName()));
        command.addAll(List.of(kind, location, sql, String.valueOf(TIMEOUT_SECONDS)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(3L * TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the probe ended; output:\n" + output).isTrue();
        assertThat(process.exitValue())
                .as("the probe ran without running out of memory; output:\n" + output)
                .isZero();
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(l -> l.matches("[a-z_]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        System.out.println("huge rows probe (" + kind + ", " + HEAP + "): " + values);
        return values;
    }

    /** The checks both warehouses must pass: caps held, well inside the timeout, under the small heap. */
    static void assertBounded(Map<String, String> probe) {
        assertThat(Integer.parseInt(probe.get("run_sql_chars"))).isLessThanOrEqualTo(WarehouseTools.MAX_RESULT_CHARS);
        assertThat(probe.get("run_sql_truncated")).isEqualTo("true");
        assertThat(Long.parseLong(probe.get("run_sql_ms"))).isLessThan(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(Long.parseLong(probe.get("cli_truncated_at_bytes"))).isEqualTo(WarehouseTools.DEFAULT_BYTE_LIMIT);
        assertThat(Long.parseLong(probe.get("cli_rows")) * 65_536)
                .isLessThanOrEqualTo(WarehouseTools.DEFAULT_BYTE_LIMIT);
        assertThat(Long.parseLong(probe.get("cli_ms"))).isLessThan(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(Long.parseLong(probe.get("max_heap_mb"))).isLessThanOrEqualTo(512);
        assertThat(Long.parseLong(probe.get("peak_heap_mb"))).isLessThan(512);
    }
}
