package ai.gallop;

/** The single place the release version lives, so CLI, metadata and provenance agree. */
public final class Version {
    public static final String NAME = "gallop";
    public static final String VERSION = "0.1.0";

    private Version() {}
}
