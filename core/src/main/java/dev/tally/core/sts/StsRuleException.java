package dev.tally.core.sts;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;

/**
 * A value that STS would refuse: a usage error where the value came from the user. {@link #field()} is the request member AWS names in its
 * {@code ValidationError} ({@code roleSessionName}, {@code tags.1.member.key}, ...) and {@link #constraint()}
 * the rule, so the emulator can answer with AWS's message and the CLI with a plain one.
 */
public final class StsRuleException extends TallyException {
    private final String field;
    private final String constraint;

    public StsRuleException(String field, String value, String constraint) {
        super(ErrorKind.USAGE, "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
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
