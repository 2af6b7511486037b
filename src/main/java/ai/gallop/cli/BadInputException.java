package ai.gallop.cli;

/** A problem with what the user asked for; the CLI prints its message as one line and exits with 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) { super(message); }
}
