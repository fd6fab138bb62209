package io.revbot.tools.analytics;

import java.util.List;

/**
 * What looking something up by name gave: exactly one match and its analysis, several matches to choose from, or
 * none (unknown name, or no data to analyse). Bad input is an outcome, never an exception.
 */
public sealed interface Outcome<T> {

    /** One-line summary for people and the model. */
    String message();

    record Found<T>(T value) implements Outcome<T> {
        @Override
        public String message() {
            return "found";
        }
    }

    /** Several candidates matched: ask which one. */
    record Ambiguous<T>(String query, List<Candidate> candidates) implements Outcome<T> {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }

        @Override
        public String message() {
            return candidates.size() + " matches for '" + query + "': say which one (by id or full name)";
        }
    }

    /** Nothing matched, or there was no data to analyse. */
    record NotFound<T>(String query, String reason) implements Outcome<T> {
        @Override
        public String message() {
            return reason;
        }
    }

    /** One of several matches: its id, name and a short description to tell them apart. */
    record Candidate(String id, String name, String detail) {}
}
