package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One statement of an IAM policy document, with every element normalized to lists (IAM accepts a string or
 * a list for {@code Action}, {@code Resource}, principal values and condition values; they mean the same).
 *
 * @param sid the statement id, empty when there is none
 * @param principals {@code Principal} by type ({@code AWS}, {@code Service}, {@code Federated}); the wildcard
 *     principal {@code "*"} is the type {@code *}; empty in identity policies
 * @param conditions operator, then key, then values: {@code {"Null": {"aws:PrincipalTag/Project": ["true"]}}}
 * @param negated the negated elements present ({@code NotAction}, {@code NotPrincipal}, {@code NotResource});
 *     Tally writes none and its evaluator treats statements that have them as matching nothing
 */
public record PolicyStatement(
        String sid,
        Effect effect,
        Map<String, List<String>> principals,
        List<String> actions,
        List<String> resources,
        Map<String, Map<String, List<String>>> conditions,
        Set<String> negated) {

    public enum Effect {
        Allow,
        Deny
    }

    public PolicyStatement {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        principals = Map.copyOf(principals);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = Map.copyOf(conditions);
        negated = Set.copyOf(negated);
    }

    /** An identity-policy statement without conditions. */
    public static PolicyStatement of(String sid, Effect effect, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, effect, Map.of(), actions, resources, Map.of(), Set.of());
    }

    public PolicyStatement withPrincipals(Map<String, List<String>> principals) {
        return new PolicyStatement(sid, effect, principals, actions, resources, conditions, negated);
    }

    public PolicyStatement withConditions(Map<String, Map<String, List<String>>> conditions) {
        return new PolicyStatement(sid, effect, principals, actions, resources, conditions, negated);
    }
}
