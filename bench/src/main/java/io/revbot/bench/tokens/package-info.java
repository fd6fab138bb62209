/**
 * Token economy: what a conversation sends the model and what it costs, with the cache points RevBot placed before
 * (after the system prompt only) against the ones it places now, through the real Bedrock client and a fake Converse
 * endpoint that simulates the prompt cache.
 */
package io.revbot.bench.tokens;
