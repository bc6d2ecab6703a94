package dev.tally.emulator.sts;

/** An STS error response: HTTP status, AWS error code and message; {@code Sender} or {@code Receiver} fault. */
final class StsError extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean senderFault;

    StsError(int status, String code, String message) {
        this(status, code, message, true);
    }

    StsError(int status, String code, String message, boolean senderFault) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
    }

    static StsError validation(String message) {
        return new StsError(400, "ValidationError", message);
    }

    static StsError accessDenied(String message) {
        return new StsError(403, "AccessDenied", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String type() {
        return senderFault ? "Sender" : "Receiver";
    }

    /** Never null: every constructor takes a message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNullElse(super.getMessage(), "");
    }
}
