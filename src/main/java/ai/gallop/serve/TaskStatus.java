package ai.gallop.serve;

import java.util.Locale;

/** Where a task is. Each API shows these in its own words: {@link #openAi()} and {@link #dashScope()}. */
public enum TaskStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** The value stored in the database. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static TaskStatus ofId(String id) { return valueOf(id.toUpperCase(Locale.ROOT)); }

    public boolean finished() { return this == SUCCEEDED || this == FAILED || this == CANCELLED; }

    /** OpenAI's video statuses have no "cancelled": a cancelled video is failed with error code "cancelled". */
    public String openAi() {
        return switch (this) {
            case QUEUED -> "queued";
            case RUNNING -> "in_progress";
            case SUCCEEDED -> "completed";
            case FAILED, CANCELLED -> "failed";
        };
    }

    public String dashScope() {
        return switch (this) {
            case QUEUED -> "PENDING";
            case RUNNING -> "RUNNING";
            case SUCCEEDED -> "SUCCEEDED";
            case FAILED -> "FAILED";
            case CANCELLED -> "CANCELED";
        };
    }
}
