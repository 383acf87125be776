package org.fundflow.local;

import org.fundflow.testsupport.TestInfrastructure;

/**
 * One running fundflow per test JVM, shared by every end-to-end test class: starting five services is the
 * expensive part, so it happens once and stops when the JVM does.
 */
public final class RunningSystem {
    private static LocalSystem system;

    private RunningSystem() {
    }

    public static synchronized LocalSystem get() {
        if (system == null) {
            system = LocalSystem.start(name -> TestInfrastructure.database("e2e_" + name),
                    TestInfrastructure.kafkaBootstrap(), LocalSystem.Ports.random());
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "e2e-system-stop"));
        }
        return system;
    }
}
