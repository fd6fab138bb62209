package io.revbot.server.slack;

import com.google.gson.JsonObject;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FailureKind;
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
 * when the asker may not ask ({@link SlackAccessPolicy}). The thread is the session, so a question asked inside an
 * existing thread continues that conversation.
 *
 * <p>As an agent (the workspace accepts Slack's agent methods, {@link SlackAgentMode}): the thread's agent session
 * goes {@code processing} at once, titled with a short form of the question, and {@link SlackStream} streams the task
 * steps and the answer as it is written; the Stop button ({@link SlackRuns}) ends the run with nothing posted after.
 * Otherwise (the methods refused): a status message is posted at once, {@link SlackNarration} keeps it current, and
 * the answer replaces it (mrkdwn, split between paragraphs when long), or a polite explanation when the run fails.
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
    private final SlackAgentApi agents;
    private final SlackAgentMode agentMode;
    private final SlackRuns runs;
    private final Duration streamInterval;

    SlackEventHandler(
            SlackApi slack,
            SlackAccessPolicy access,
            Supplier<Supervisor> supervisor,
            RunListener runListener,
            SlackApprovals approvals,
            ChannelThrottle throttle,
            SlackMessageSplitter splitter,
            SlackAgentMode agentMode,
            SlackRuns runs,
            Duration streamInterval) {
        this.agents = new SlackAgentApi(slack);
        this.agentMode = Objects.requireNonNull(agentMode, "agentMode");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.streamInterval = Objects.requireNonNull(streamInterval, "streamInterval");
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
        if (refusal.isPresent() || text.isEmpty()) {
            post(thread, refusal.orElse(FailureMessages.emptyQuestion()));
            if (refusal.isPresent()) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "refused a question from " + question.user() + " (team " + question.userTeam() + ") in "
                                + thread.channel() + ": not allowed to ask");
                return result(null, "refused: not allowed to ask", true);
            }
            return result(null, "empty question", true);
        }

        Principal.SlackUser asker = new Principal.SlackUser(question.userTeam(), question.user());
        Request request =
                new Request(RunId.random(), thread.session(), text, Channel.SLACK, asker, question.receivedAt());
        if (agentMode.agent(thread.team()) && sessionProcessing(thread, text, question.user())) {
            return streamed(request, thread, asker);
        }
        return narrated(request, thread, asker);
    }

    /** Posts the first message in the thread; retried while Slack is unreachable (nothing was said yet). */
    private String post(SlackThread thread, String text) throws RetryableJobException, PermanentJobException {
        try {
            throttle.acquire(thread.channel());
            return slack.post(thread.channel(), thread.threadTs(), text, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PermanentJobException("interrupted before answering", e);
        } catch (UpstreamException e) {
            if (e.retriable()) {
                throw new RetryableJobException("Slack unreachable before answering: " + e.getMessage(), null);
            }
            throw new PermanentJobException("Slack refused the status message: " + e.getMessage(), e);
        }
    }

    /**
     * Sets the thread's agent session to {@code processing}; false when the workspace refuses agent methods (then
     * remembered, and the answer goes as plain messages).
     */
    private boolean sessionProcessing(SlackThread thread, String question, String user) throws RetryableJobException {
        try {
            agents.setStatus(thread, SlackAgentApi.SessionStatus.PROCESSING, title(question), user);
            return true;
        } catch (UpstreamException e) {
            if (SlackAgentApi.notAnAgent(e)) {
                agentMode.refused(thread.team(), "agents.sessions.setStatus", ((SlackApi.MethodFailed) e).error());
                return false;
            }
            if (e.retriable()) {
                throw new RetryableJobException("Slack unreachable before answering: " + e.getMessage(), null);
            }
            LOG.log(System.Logger.Level.WARNING, "could not set the agent session status: " + e.getMessage());
            return true; // the session is cosmetic; the stream may still work
        }
    }

    /** The session's title: the question's first line, at most 60 characters, cut between words. */
    static String title(String question) {
        String line = question.lines().findFirst().orElse("").strip().replaceAll("\\s+", " ");
        if (line.length() <= 60) {
            return line;
        }
        int cut = line.lastIndexOf(' ', 59);
        return line.substring(0, cut > 20 ? cut : 59).strip() + "…";
    }

    private String streamed(Request request, SlackThread thread, Principal.SlackUser asker) {
        SlackStream stream = new SlackStream(agents, approvals, thread, asker, streamInterval);
        runs.started(thread, request.runId(), stream);
        boolean delivered;
        String outcome;
        try {
            RunResult result = supervisor.get().run(request, RunListener.all(List.of(stream, runListener)));
            String answer = result.answer() == null || result.answer().isBlank()
                    ? ":shrug: I have no answer to that. Could you rephrase the question?"
                    : result.answer();
            delivered = stream.stopped()
                    ? stream.finishStopped(DELIVERY_TIMEOUT)
                    : stream.finishAnswer(answer, request.runId(), slack, DELIVERY_TIMEOUT);
            outcome = stream.stopped() ? "stopped" : "answered";
        } catch (RunException e) {
            LOG.log(System.Logger.Level.INFO, "run " + request.runId() + " failed: " + e.kind());
            if (e.kind() == FailureKind.CANCELLED || stream.stopped()) {
                delivered = stream.finishStopped(DELIVERY_TIMEOUT);
                outcome = "cancelled";
            } else {
                delivered = stream.finishFailure(
                        FailureMessages.forKind(e.kind(), request.runId()), slack, DELIVERY_TIMEOUT);
                outcome = "failed: " + e.kind();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run " + request.runId() + " failed unexpectedly", e);
            delivered = stream.finishFailure(FailureMessages.unexpected(request.runId()), slack, DELIVERY_TIMEOUT);
            outcome = "failed: " + e.getClass().getSimpleName();
        } finally {
            runs.ended(thread, request.runId());
        }
        return result(request.runId(), outcome, delivered);
    }

    private String narrated(Request request, SlackThread thread, Principal.SlackUser asker)
            throws RetryableJobException, PermanentJobException {
        String statusTs = post(thread, NarrationText.STARTING);
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
