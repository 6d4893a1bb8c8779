package demo.mesh.console.routing;

import demo.mesh.console.health.VersionHealth;
import io.micronaut.core.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a route changed, as its announcements tell it: what kind of change it was, the reason in words and, when a
 * rollout check decided it, the figures of the versions checked.
 *
 * @param kind    {@value #SHIFT}, {@value #REVERT}, {@value #HEADER_CANARY}, or a rollout's kind ({@code rollout-step}, {@code rollout-paused},
 *                {@code rollout-rolled-back}, …)
 * @param reason  why, when whoever made the change said so; null for a person's shift
 * @param figures per version, the health the deciding check saw; empty when no check decided it
 */
public record ChangeCause(String kind, @Nullable String reason, Map<String, VersionHealth> figures) {

    public static final String SHIFT = "shift";
    public static final String REVERT = "revert";
    public static final String HEADER_CANARY = "header-canary";

    public ChangeCause {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public static ChangeCause shift(@Nullable String reason) {
        return new ChangeCause(SHIFT, reason, Map.of());
    }

    public static ChangeCause revert(@Nullable String reason) {
        return new ChangeCause(REVERT, reason, Map.of());
    }

    /** @param description the change as the history tells it ("… header canary set to x-canary=true -> v2 …") */
    public static ChangeCause headerCanary(String description) {
        return new ChangeCause(HEADER_CANARY, description, Map.of());
    }
}
