package org.iblrnn.pipeline;

/** The toolkit's version, as recorded in every config and checkpoint. */
public final class Version {
    /** Kept in step with the pom's version. */
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
