package io.revbot.orchestrator;

import io.revbot.orchestrator.grounding.CheckedFigure;
import io.revbot.orchestrator.grounding.EvidenceIndex;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingCheck;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.grounding.ToolOutput;
import io.revbot.orchestrator.grounding.UntracedNote;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The grounding check of a written answer, per {@link GroundingPolicy}: the run's data tool results (whole), the
 * question and the run context are indexed once; the answer's figures are matched against them; under {@code repair}
 * the writer gets one turn to correct or remove what is untraced and the revision is checked again; under
 * {@code annotate} and {@code repair} the answer then carries one line naming what is still untraced.
 */
final class GroundingStep {
    /** How much of the tool results a revision request quotes, in characters (about 5,000 tokens). */
    static final int EVIDENCE_CHARS = 20_000;

    static final String TOOL_RESULTS = "<tool_results>";

    private final GroundingPolicy policy;

    /** The run context scanned last: it changes once a minute, so most runs reuse it instead of scanning it again. */
    private volatile EvidenceIndex.Scanned lastContext =
            EvidenceIndex.scan(new ToolOutput(ToolOutput.RUN_CONTEXT, null, ""));

    GroundingStep(GroundingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The answer to deliver, with its grounding (none under {@code off}). */
    ManagerLoop.Answer apply(Run run, String runContext, ManagerLoop.Answer draft) {
        if (policy == GroundingPolicy.OFF) {
            return draft;
        }
        List<ToolOutput> outputs = run.evidence.outputs();
        EvidenceIndex index = EvidenceIndex.builder()
                .addAll(outputs)
                .add(new ToolOutput(ToolOutput.QUESTION, null, run.request.question()))
                .add(scannedContext(runContext))
                .build();
        String text = draft.text();
        List<CheckedFigure> figures = GroundingCheck.check(text, index);
        boolean repaired = false;
        if (policy == GroundingPolicy.REPAIR && draft.writer() != null && untraced(figures)) {
            repaired = true;
            Optional<String> revised = draft.writer().revise(run, text, request(figures, outputs));
            if (revised.isPresent()) {
                text = revised.get();
                figures = GroundingCheck.check(text, index);
            }
        }
        Grounding grounding = new Grounding(policy, figures, repaired);
        return draft.delivered(UntracedNote.annotate(text, grounding), grounding);
    }

    private EvidenceIndex.Scanned scannedContext(String text) {
        EvidenceIndex.Scanned last = lastContext;
        if (!last.output().text().equals(text)) {
            last = EvidenceIndex.scan(new ToolOutput(ToolOutput.RUN_CONTEXT, null, text));
            lastContext = last;
        }
        return last;
    }

    private static boolean untraced(List<CheckedFigure> figures) {
        return figures.stream().anyMatch(f -> !f.traced());
    }

    /** What the writer is asked: the untraced figures, what to do, and the data they may come from. */
    static String request(List<CheckedFigure> figures, List<ToolOutput> outputs) {
        String untraced = String.join(", ", new Grounding(GroundingPolicy.REPAIR, figures, false).untraced());
        StringBuilder request = new StringBuilder()
                .append("RevBot's grounding check could not find these figures of your answer in the results of")
                .append(" this run's data tools: ")
                .append(untraced)
                .append(".\nRewrite your complete answer: correct each of them to the value the data shows, or")
                .append(" remove it; keep everything else as it is. Figures from other agents' answers are not")
                .append(" evidence, only tool results are. Reply with the answer only, without calling tools.");
        if (outputs.isEmpty()) {
            return request.append("\n\nNo data tool ran in this run.").toString();
        }
        request.append("\n\n").append(TOOL_RESULTS);
        int budget = EVIDENCE_CHARS;
        for (ToolOutput output : outputs) {
            if (budget <= 0) {
                request.append("\n[further results left out]");
                break;
            }
            String text = output.text().length() <= budget
                    ? output.text()
                    : output.text().substring(0, budget) + " [cut]";
            budget -= text.length();
            request.append("\n[")
                    .append(output.tool())
                    .append(' ')
                    .append(output.callId())
                    .append("]\n")
                    .append(text);
        }
        return request.append("\n</tool_results>").toString();
    }
}
