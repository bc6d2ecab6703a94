package dev.tally.core.sts;

/**
 * A value that STS would refuse. {@link #field()} is the request member AWS names in its
 * {@code ValidationError} ({@code roleSessionName}, {@code tags.1.member.key}, ...) and {@link #constraint()}
 * the rule, so the emulator can answer with AWS's message and the CLI with a plain one.
 */
public final class StsRuleException extends IllegalArgumentException {
    private final String field;
    private final String constraint;

    public StsRuleException(String field, String value, String constraint) {
        super("Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
        this.field = field;
        this.constraint = constraint;
    }

    public String field() {
        return field;
    }

    public String constraint() {
        return constraint;
    }
}
