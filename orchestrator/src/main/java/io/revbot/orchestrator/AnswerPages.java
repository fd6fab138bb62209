package io.revbot.orchestrator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.revbot.agents.AgentName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the manager reads of its specialists' answers in one run: an answer longer than the cap reaches it as the
 * first page with a note saying it was shortened and how to read on ({@code read_answer}); the full answer stays in
 * the invocation's record and, passed through, goes to the user whole. Sizes are estimated at four characters a token.
 */
final class AnswerPages {
    static final String TOOL = "read_answer";
    static final int DEFAULT_TOKENS = 4_000;

    private static final int CHARS_PER_TOKEN = 4;
    private static final String ANSWER = "answer";
    private static final String PART = "part";
    private static final ObjectReader JSON = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .reader();

    /** The manager's tool for reading on in a shortened answer. */
    static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(TOOL)
            .description("Reads the next part of a specialist's answer that reached you shortened (its note says so"
                    + " and gives the answer id). Use it only when the part you have is not enough to answer.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty(ANSWER, "The answer id from the note, e.g. \"data-2\".")
                    .addIntegerProperty(PART, "Which part to read: 2 for the one after the first, and so on.")
                    .required(ANSWER, PART)
                    .build())
            .build();

    private final int pageChars;
    private final Map<String, Paged> answers = new ConcurrentHashMap<>();

    private record Paged(AgentName author, List<String> pages) {}

    AnswerPages(int pageTokens) {
        if (pageTokens < 1) {
            throw new IllegalArgumentException("pageTokens must be positive");
        }
        this.pageChars = pageTokens * CHARS_PER_TOKEN;
    }

    /** The tool result the manager reads for {@code answer}: the answer itself, or its first page with the note. */
    String forManager(InvocationId id, AgentName author, String answer) {
        if (answer.length() <= pageChars) {
            return answer;
        }
        List<String> pages = split(answer, pageChars);
        answers.put(id.value(), new Paged(author, pages));
        return pages.get(0)
                + String.format(
                        Locale.ROOT,
                        "\n\n[Shortened for you: this is part 1 of %d of %s's answer (about %,d of %,d tokens). The user"
                                + " sees only what you write. To read on, call %s with answer \"%s\" and part 2.]",
                        pages.size(),
                        author.displayName(),
                        pages.get(0).length() / CHARS_PER_TOKEN,
                        answer.length() / CHARS_PER_TOKEN,
                        TOOL,
                        id.value());
    }

    /** Answers a {@code read_answer} call; {@link IllegalArgumentException} says what is wrong with the arguments. */
    String read(ToolExecutionRequest call) {
        JsonNode args;
        try {
            args = JSON.readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
        } catch (IOException e) {
            throw new IllegalArgumentException("arguments are not valid JSON");
        }
        String id = args.path(ANSWER).asText("");
        JsonNode partNode = args.get(PART);
        if (id.isBlank() || partNode == null || !partNode.canConvertToInt()) {
            throw new IllegalArgumentException("'" + ANSWER + "' (text) and '" + PART + "' (a number) are required");
        }
        Paged paged = answers.get(id);
        if (paged == null) {
            throw new IllegalArgumentException("no shortened answer has the id '" + id + "' in this run"
                    + (answers.isEmpty() ? "" : "; shortened answers: " + String.join(", ", answers.keySet())));
        }
        int part = partNode.asInt();
        int parts = paged.pages.size();
        if (part < 2 || part > parts) {
            throw new IllegalArgumentException("'" + PART + "' must be between 2 and " + parts + " for " + id);
        }
        String page = paged.pages.get(part - 1);
        return page
                + (part == parts
                        ? String.format(
                                Locale.ROOT,
                                "\n\n[Part %d of %d: the end of %s's answer.]",
                                part,
                                parts,
                                paged.author.displayName())
                        : String.format(
                                Locale.ROOT,
                                "\n\n[Part %d of %d. For more, call %s with answer \"%s\" and part %d.]",
                                part,
                                parts,
                                TOOL,
                                id,
                                part + 1));
    }

    /** Pages of at most {@code size} characters, cut at a line break or a space near the end when there is one. */
    static List<String> split(String text, int size) {
        List<String> pages = new ArrayList<>();
        int start = 0;
        while (text.length() - start > size) {
            int end = start + size;
            int cut = text.lastIndexOf('\n', end - 1);
            if (cut <= start + size * 3 / 4) {
                cut = text.lastIndexOf(' ', end - 1);
            }
            if (cut <= start + size * 3 / 4) {
                cut = end;
            } else {
                cut++; // keep the separator with the page it ends
            }
            pages.add(text.substring(start, cut));
            start = cut;
        }
        pages.add(text.substring(start));
        return List.copyOf(pages);
    }
}
