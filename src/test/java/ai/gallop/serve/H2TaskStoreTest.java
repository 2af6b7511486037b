package ai.gallop.serve;

/** The task-store contract on the embedded H2 file database, the default. */
class H2TaskStoreTest extends TaskStoreContract {
    @Override String freshDatabase() {
        return "jdbc:h2:file:" + tmp.resolve("store") + ";WRITE_DELAY=0";
    }
}
