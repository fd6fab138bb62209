/**
 * Model providers: builds the {@link dev.langchain4j.model.chat.ChatModel} for Bedrock (Converse API, default),
 * Anthropic or any OpenAI-compatible server from {@link io.revbot.orchestrator.models.ModelProviderSettings}. Only
 * the composition root calls it; everything else codes against {@code ChatModel}.
 */
package io.revbot.orchestrator.models;
