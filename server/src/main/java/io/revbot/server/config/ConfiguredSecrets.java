package io.revbot.server.config;

import io.revbot.tools.Secret;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every credential in a {@link Config}, found by walking the configuration itself rather than a hand-kept list, so a
 * key added tomorrow is redacted from exports the day it is bound: each {@link Secret} (alone, optional, in a list
 * or in a {@link NamedToken}), and the passwords inside configured URLs ({@code postgresql://user:pw@…},
 * {@code jdbc:…?password=pw}, {@code ;password=pw}).
 */
public final class ConfiguredSecrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^\\s/:@]*:([^\\s/@]+)@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(?:password|passwd|pwd)=([^&;\\s]+)");

    private ConfiguredSecrets() {}

    public static List<Secret> of(Config config) {
        List<Secret> out = new ArrayList<>();
        walk(config, out);
        return List.copyOf(out);
    }

    private static void walk(Object value, List<Secret> out) {
        switch (value) {
            case null -> {}
            case Secret secret -> out.add(secret);
            case Optional<?> optional -> optional.ifPresent(v -> walk(v, out));
            case Collection<?> collection -> collection.forEach(v -> walk(v, out));
            case Map<?, ?> map -> map.values().forEach(v -> walk(v, out));
            case String text -> passwordsIn(text, out);
            case URI uri -> passwordsIn(uri.toString(), out);
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    walk(read(component, record), out);
                }
            }
            default -> {}
        }
    }

    private static void passwordsIn(String text, List<Secret> out) {
        for (Pattern pattern : List.of(URL_PASSWORD, PASSWORD_PARAMETER)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                out.add(Secret.of(m.group(1)));
            }
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of the configuration", e);
        }
    }
}
