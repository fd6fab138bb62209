package io.revbot.server.slack;

import com.google.gson.JsonObject;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunException;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.Supervisor;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.PermanentJobException;
import io.revbot.server.queue.RetryableJobException;
import io.revbot.tools.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a queued Slack question ({@code SLACK_EVENT} job) in its thread, or politely refuses it, without a model,
 * when the asker may not ask ({@link SlackAccessPolicy}): posts a status message at once, runs the
 * supervisor with {@link SlackNarration} keeping that message current, and replaces it with the answer (mrkdwn,
 * split between paragraphs when long) or with a polite explanation when the run fails. The thread is the session,
 * so a question asked inside an existing thread continues that conversation.
 *
 * <p>Retried only while nothing has been posted (Slack unreachable); once the run started, the job ends with
 * whatever could be said, so a question is never answered twice.
 */
public final class SlackEventHandler implements JobHandler {
    private static final System.Logger LOG = System.getLogger(SlackEventHandler.class.getName());
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    private final SlackApi slack;
    private final SlackAccessPolicy access;
    private final Supplier<Supervisor> supervisor;
    private final RunListener runListener;
    private final SlackApprovals approvals;
    private final ChannelThrottle throttle;
    private final MrkdwnRenderer renderer = new MrkdwnRenderer();
    private final SlackMessageSplitter splitter;

    SlackEventHandler(
            SlackApi slack,
            SlackAccessPolicy access,
            Supplier<Supervisor> supervisor,
            RunListener runListener,
            SlackApprovals approvals,
            ChannelThrottle throttle,
            SlackMessageSplitter splitter) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.access = Objects.requireNonNull(access, "access");
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.runListener = runListener == null ? RunListener.NONE : runListener;
        this.approvals = approvals;
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    @Override
    public String handle(Job job) throws Exception {
        SlackQuestion question;
        try {
            question = SlackQuestion.fromJson(job.payload());
        } catch (RuntimeException e) {
            throw new PermanentJobException("malformed Slack event payload: " + e.getMessage(), e);
        }
        SlackThread thread = question.thread();
        String text = question.question();
        Optional<String> refusal = access.refusal(question);
        String statusTs;
        try {
            throttle.acquire(thread.channel());
            statusTs = slack.post(
                    thread.channel(),
                    thread.threadTs(),
                    refusal.orElse(text.isEmpty() ? FailureMessages.emptyQuestion() : NarrationText.STARTING),
                    List.of());
        } catch (UpstreamException e) {
            if (e.retriable()) {
                throw new RetryableJobException("Slack unreachable before answering: " + e.getMessage(), null);
            }
            throw new PermanentJobException("Slack refused the status message: " + e.getMessage(), e);
        }
        if (refusal.isPresent()) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "refused a question from " + question.user() + " (team " + question.userTeam() + ") in "
                            + thread.channel() + ": not allowed to ask");
            return result(null, "refused: not allowed to ask", true);
        }
        if (text.isEmpty()) {
            return result(null, "empty question", true);
        }

        Principal.SlackUser asker = new Principal.SlackUser(question.userTeam(), question.user());
        Request request =
                new Request(RunId.random(), thread.session(), text, Channel.SLACK, asker, question.receivedAt());
        SlackNarration narration = new SlackNarration(slack, throttle, approvals, thread, statusTs, asker);
        List<String> messages;
        String outcome;
        try {
            RunResult result = supervisor.get().run(request, RunListener.all(List.of(narration, runListener)));
            messages = splitter.split(renderer.render(result.answer()));
            if (messages.isEmpty()) {
                messages = List.of(":shrug: I have no answer to that. Could you rephrase the question?");
            }
            outcome = "answered";
        } catch (RunException e) {
            LOG.log(System.Logger.Level.INFO, "run " + request.runId() + " failed: " + e.kind());
            messages = List.of(FailureMessages.forKind(e.kind(), request.runId()));
            outcome = "failed: " + e.kind();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run " + request.runId() + " failed unexpectedly", e);
            messages = List.of(FailureMessages.unexpected(request.runId()));
            outcome = "failed: " + e.getClass().getSimpleName();
        }
        boolean delivered = narration.finish(messages, DELIVERY_TIMEOUT);
        return result(request.runId(), outcome, delivered);
    }

    private static String result(RunId runId, String outcome, boolean delivered) {
        JsonObject o = new JsonObject();
        if (runId != null) {
            o.addProperty("run_id", runId.value());
        }
        o.addProperty("outcome", outcome);
        o.addProperty("delivered", delivered);
        return o.toString();
    }
}
