package io.revbot.orchestrator;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.bedrock.BedrockTokenUsage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import io.revbot.agents.ModelSettings;
import io.revbot.orchestrator.models.CachePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The model as one invocation sees it: applies the agent's model settings, checks the run's deadline and token
 * budget, retries transient failures with backoff, sends the call to the fallback model while the model asked for is
 * throttled ({@link ModelFallback}: a circuit breaker per model, shared across runs), and reports every completed call
 * as a {@link RunEvent.ModelCalled} naming the model that answered. A retry resends the same request, so a tool use is
 * never left without its tool result. A provider that cannot be reached at all (connection refused, unknown host) is
 * not retried: that is a configuration or outage, not a blip.
 *
 * <p>When the invocation may write the run's answer ({@link Invocation#writesAnswer()}), each call goes through the
 * streaming twin of the model, when there is one, and its text reaches the run as {@link RunEvent.AnswerDelta}s
 * through an {@link AnswerDraft}; other calls (tool-calling specialists, the router) stay blocking. Once some of a
 * reply went out, a failed call is not retried: the retry would write the answer a second time.
 */
final class ObservedChatModel implements ChatModel {
    private static final System.Logger LOG = System.getLogger(ObservedChatModel.class.getName());
    /** The breaker's name for the provider's default model when neither the agent nor the client names one. */
    private static final String DEFAULT_MODEL = "default";

    private final ChatModel delegate;
    private final StreamingChatModel streaming;
    private final Invocation invocation;
    private final ModelSettings settings;
    private final ModelFallback fallback;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    ObservedChatModel(
            ChatModel delegate,
            Invocation invocation,
            ModelSettings settings,
            ModelFallback fallback,
            RetryPolicy retry,
            Sleeper sleeper) {
        this(delegate, null, invocation, settings, fallback, retry, sleeper);
    }

    /** @param streaming the streaming twin of {@code delegate}, or null when the provider has none */
    ObservedChatModel(
            ChatModel delegate,
            StreamingChatModel streaming,
            Invocation invocation,
            ModelSettings settings,
            ModelFallback fallback,
            RetryPolicy retry,
            Sleeper sleeper) {
        this.delegate = delegate;
        this.streaming = streaming;
        this.invocation = invocation;
        this.settings = settings;
        this.fallback = fallback;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** Pauses between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Run run = invocation.run;
        run.checkDeadline();
        String requested = settings.modelId().orElseGet(this::defaultModel);
        for (int attempt = 1; ; attempt++) {
            ModelFallback.Route route = fallback.route(requested);
            Optional<String> model = route.divertedFrom().isPresent() ? fallback.model() : settings.modelId();
            ChatRequest tuned = tune(request, model);
            Instant start = run.now();
            AnswerDraft draft = invocation.writesAnswer() ? new AnswerDraft(invocation) : null;
            try {
                ChatResponse response = draft == null
                        ? delegate.chat(tuned)
                        : streaming == null ? delegate.chat(tuned) : StreamedCall.chat(streaming, tuned, draft);
                Duration took = Duration.between(start, run.now());
                route.succeeded(took);
                report(response, model, took, route.divertedFrom());
                if (draft != null) {
                    draft.complete(response.aiMessage());
                }
                return response;
            } catch (RunException e) {
                route.abandoned();
                throw e;
            } catch (RuntimeException e) {
                route.failed(Duration.between(start, run.now()), e);
                if (TransientErrors.isUnreachable(e)) {
                    throw new ModelUnavailable(
                            "The model provider cannot be reached (" + rootMessage(e) + "). Check that it is running"
                                    + " and that its address is right (REVBOT_BEDROCK_ENDPOINT,"
                                    + " REVBOT_ANTHROPIC_BASE_URL or OPENAI_BASE_URL); `revbot doctor` tests it.",
                            e);
                }
                if (draft != null && draft.released()) {
                    throw new ModelUnavailable("The model stopped while writing the answer: " + rootMessage(e), e);
                }
                if (!TransientErrors.isTransient(e)) {
                    throw new ModelUnavailable("The model provider refused the request: " + rootMessage(e), e);
                }
                if (route.divertedFrom().isEmpty() && fallback.diverts(requested)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "model " + requested + " keeps throttling; its calls go to the fallback model "
                                    + fallback.model().orElseThrow() + " for a while");
                    continue;
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new ModelUnavailable(
                            "The model is unavailable right now (" + attempt + " attempts: " + rootMessage(e)
                                    + "). Please try again in a minute.",
                            e);
                }
                pause(run, attempt, e);
            }
        }
    }

    private void pause(Run run, int attempt, RuntimeException e) {
        Duration pause = retry.backoff(attempt);
        if (pause.compareTo(run.remaining()) >= 0) {
            throw new ModelUnavailable("The model kept failing and the run's time ran out: " + rootMessage(e), e);
        }
        LOG.log(
                System.Logger.Level.INFO,
                "transient model failure for " + invocation.agent + " (attempt " + attempt + "), retrying in "
                        + pause.toMillis() + " ms: " + rootMessage(e));
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailable("interrupted while waiting to retry the model", interrupted);
        }
    }

    private String defaultModel() {
        ChatRequestParameters defaults = delegate.defaultRequestParameters();
        return defaults == null || defaults.modelName() == null ? DEFAULT_MODEL : defaults.modelName();
    }

    private ChatRequest tune(ChatRequest request, Optional<String> model) {
        if (model.isEmpty()
                && settings.temperature().isEmpty()
                && settings.maxTokens().isEmpty()) {
            return request;
        }
        DefaultChatRequestParameters.Builder<?> params =
                ChatRequestParameters.builder().overrideWith(request.parameters());
        model.ifPresent(params::modelName);
        settings.temperature().ifPresent(params::temperature);
        settings.maxTokens().ifPresent(params::maxOutputTokens);
        return ChatRequest.builder()
                .messages(request.messages())
                .parameters(params.build())
                .build();
    }

    private void report(
            ChatResponse response, Optional<String> requestedModel, Duration took, Optional<String> divertedFrom) {
        TokenUsage usage = usageOf(response.tokenUsage());
        String modelName = response.modelName() != null
                ? response.modelName()
                : requestedModel.orElseGet(() -> delegate.defaultRequestParameters() == null
                        ? null
                        : delegate.defaultRequestParameters().modelName());
        invocation.emit(new RunEvent.ModelCalled(
                invocation.origin(invocation.run.now()),
                modelName,
                usage,
                took,
                response.finishReason() == null ? null : response.finishReason().name(),
                CachePlan.of(response),
                divertedFrom.orElse(null)));
        invocation.run.addUsage(usage);
    }

    /**
     * Our token figures from a provider's: {@code input} is always the uncached input, priced at the full rate.
     * Bedrock and Anthropic report cache reads and writes beside their input count; OpenAI counts cached tokens
     * inside its prompt tokens, so they are moved out of {@code input} into {@code cacheRead}.
     */
    static TokenUsage usageOf(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.ZERO;
        }
        long input = orZero(usage.inputTokenCount());
        long output = orZero(usage.outputTokenCount());
        return switch (usage) {
            case BedrockTokenUsage bedrock ->
                new TokenUsage(
                        input, output, orZero(bedrock.cacheReadInputTokens()), orZero(bedrock.cacheWriteInputTokens()));
            case AnthropicTokenUsage anthropic ->
                new TokenUsage(
                        input,
                        output,
                        orZero(anthropic.cacheReadInputTokens()),
                        orZero(anthropic.cacheCreationInputTokens()));
            case OpenAiTokenUsage openAi
            when openAi.inputTokensDetails() != null -> {
                long cached = Math.min(input, orZero(openAi.inputTokensDetails().cachedTokens()));
                yield new TokenUsage(input - cached, output, cached, 0);
            }
            default -> new TokenUsage(input, output, 0, 0);
        };
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return delegate.provider();
    }
}
