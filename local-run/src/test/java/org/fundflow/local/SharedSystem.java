package org.fundflow.local;

import java.net.URI;

/**
 * The test JVM's one running fundflow ({@link RunningSystem}), for end-to-end tests in other packages (e.g.
 * {@code org.fundflow.local.fixtures}).
 */
public final class SharedSystem {
    private SharedSystem() {
    }

    /** Starts the system if no test has yet, and returns its gateway. */
    public static URI gateway() {
        return RunningSystem.get().gateway();
    }
}
