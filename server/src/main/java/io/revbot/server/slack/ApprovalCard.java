package io.revbot.server.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import io.revbot.orchestrator.Principal;
import io.revbot.tools.actions.PendingAction;
import io.revbot.tools.actions.Provenance;
import java.util.ArrayList;
import java.util.List;

/**
 * The approval request as Slack shows it: what will change, all of it (a webhook's whole body, in as many sections
 * as it takes, never cut), what the run had read before proposing it, a warning when that included outside content
 * (an instruction planted in a transcript or a web page can steer a proposal), who asked, until when, and the two
 * buttons. Every text from the run is escaped, the notification fallback included, so nothing in a proposal can
 * mention {@code @channel}, disguise a link or format itself as RevBot's own words.
 */
final class ApprovalCard {
    /** Slack's limit for a section's text is 3,000 characters; a fence and some slack fit around this. */
    static final int SECTION_CHARS = 2_900;

    private static final String FENCE = "```";

    private ApprovalCard() {}

    record Card(String fallback, List<LayoutBlock> blocks) {}

    static Card of(PendingAction action, String requestedBy, String deadline) {
        String kind = MrkdwnRenderer.escape(action.kind());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":raised_hand: *Approval needed* (" + kind + ")"))));
        Provenance read = action.provenance();
        if (read.outsideContent()) {
            blocks.add(section(s -> s.text(markdownText(":warning: *Proposed after reading outside content*"
                    + " (call transcripts, web pages, CRM or warehouse text written by others). Text there can"
                    + " carry instructions that steer a proposal: read all of it before approving."))));
        }
        String sources =
                read.sources().isEmpty() ? "not recorded" : MrkdwnRenderer.escape(String.join(", ", read.sources()));
        blocks.add(context(c -> c.elements(List.of(markdownText("Read in this run before proposing: " + sources)))));
        for (String chunk : chunks(MrkdwnRenderer.escape(action.summary()))) {
            blocks.add(section(s -> s.text(markdownText(FENCE + "\n" + chunk + "\n" + FENCE))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Requested by " + requestedBy + ". " + requestedBy
                + " or an approver can decide until " + deadline + ". Nothing changes until then.")))));
        blocks.add(actions(a -> a.blockId(SlackApprovals.BLOCK_ID)
                .elements(List.of(
                        button(b -> b.actionId(SlackApprovals.APPROVE)
                                .text(plainText("Approve"))
                                .style("primary")
                                .value(action.id())),
                        button(b -> b.actionId(SlackApprovals.REJECT)
                                .text(plainText("Reject"))
                                .style("danger")
                                .value(action.id()))))));
        String fallback = "Approval needed (" + kind + "): " + MrkdwnRenderer.escape(action.summary());
        return new Card(fallback, blocks);
    }

    /** How a requester is named on the card: a Slack mention for a Slack user, else their principal id, escaped. */
    static String who(String requestedBy) {
        return Principal.parse(requestedBy)
                .map(p -> p instanceof Principal.SlackUser user ? "<@" + user.userId() + ">" : null)
                .or(() -> Principal.SLACK_ID.matcher(requestedBy).matches()
                        ? java.util.Optional.of("<@" + requestedBy + ">")
                        : java.util.Optional.empty())
                .orElseGet(() -> "`" + MrkdwnRenderer.escape(requestedBy).replace("`", "'") + "`");
    }

    /** Escaped text in pieces that fit a section with its fence; lines are kept whole where they fit. */
    static List<String> chunks(String escaped) {
        String text = escaped.replace(FENCE, "`\u200b`\u200b`"); // a fence inside would end the code block
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (rest.length() > SECTION_CHARS) {
                flush(current, out);
                out.add(rest.substring(0, SECTION_CHARS));
                rest = rest.substring(SECTION_CHARS);
            }
            if (current.length() + rest.length() + 1 > SECTION_CHARS) {
                flush(current, out);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(rest);
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        if (!current.isEmpty()) {
            out.add(current.toString());
            current.setLength(0);
        }
    }
}
