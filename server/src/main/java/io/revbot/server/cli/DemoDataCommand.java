package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.demo.DemoTableStats;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot demo-data}: (re)generates the demo warehouse and prints each table's row count and checksum. */
@Command(
        name = "demo-data",
        mixinStandardHelpOptions = true,
        description = {
            "Generates the demo warehouse (a DuckDB file under REVBOT_HOME) deterministically and prints each"
                    + " table's row count and checksum. The same scale and as-of date always give the same checksums.",
            "The planted stories it contains are listed in tools/README.md."
        })
final class DemoDataCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scale", defaultValue = "1", description = "Size: about 400 accounts per unit (1-1000).")
    int scale;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "The date the data is generated relative to (YYYY-MM-DD; default: today, UTC).")
    LocalDate asOf;

    @CommandLine.Mixin
    JsonOutput json;

    DemoDataCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be between 1 and 1000");
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now(context.clock());
        Path file =
                DuckDbWarehouse.demoFile(context.components().config().storage().home());
        long started = System.nanoTime();
        new DemoDataGenerator(scale, date).writeDatabase(file);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<DemoTableStats> stats = DemoTableStats.of(file);
        long rows = stats.stream().mapToLong(DemoTableStats::rows).sum();
        context.err()
                .printf(
                        Locale.ROOT,
                        "revbot: generated %,d rows in %.1f s (%,.0f rows/s) into %s%n",
                        rows,
                        seconds,
                        rows / seconds,
                        file);
        context.err().flush();
        if (json.requested()) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode()
                    .put("file", file.toAbsolutePath().toString())
                    .put("scale", scale)
                    .put("as_of", date.toString())
                    .put("seed", DemoDataGenerator.DEFAULT_SEED)
                    .put("generator_version", DemoDataGenerator.GENERATOR_VERSION);
            var tables = root.putArray("tables");
            for (DemoTableStats s : stats) {
                tables.addObject().put("table", s.table()).put("rows", s.rows()).put("checksum", s.checksum());
            }
            context.out().println(mapper.writeValueAsString(root));
        } else {
            context.out()
                    .printf(
                            Locale.ROOT,
                            "demo data: scale %d, as of %s, seed %d, generator %s%n",
                            scale,
                            date,
                            DemoDataGenerator.DEFAULT_SEED,
                            DemoDataGenerator.GENERATOR_VERSION);
            context.out().printf(Locale.ROOT, "%-22s %12s  %s%n", "table", "rows", "checksum");
            for (DemoTableStats s : stats) {
                context.out().printf(Locale.ROOT, "%-22s %,12d  %s%n", s.table(), s.rows(), s.checksum());
            }
        }
        context.out().flush();
        return 0;
    }
}
