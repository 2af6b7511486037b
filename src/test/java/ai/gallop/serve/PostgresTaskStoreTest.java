package ai.gallop.serve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task-store contract on a real PostgreSQL ({@link TestPostgres}): the same SQL as H2, with claims through
 * {@code FOR UPDATE SKIP LOCKED}.
 */
class PostgresTaskStoreTest extends TaskStoreContract {
    @Override String freshDatabase() throws Exception {
        return TestPostgres.get().newDatabase();
    }

    @Test void thisRunsOnPostgres() throws Exception {
        assertThat(db.postgres()).isTrue();
        String product = db.run(c -> c.getMetaData().getDatabaseProductName());
        assertThat(product).isEqualTo("PostgreSQL");
    }
}
