package ai.gallop.serve;

import ai.gallop.cli.GallopCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gallop serve} refuses a storage or a model it cannot use with exit code 2 and one line, before it listens. */
class ServeCommandTest {
    @TempDir Path tmp;

    private String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = GallopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new String[]{Integer.toString(code), err.toString().strip()};
    }

    @Test void aStorageOrModelItCannotUseIsOneLineAndExitCode2() {
        String[] storage = run("serve", "--port", "0", "--data", tmp.toString(), "--storage", "gs://bucket");
        assertThat(storage[0]).isEqualTo("2");
        assertThat(storage[1]).isEqualTo("gallop serve: storage 'gs://bucket' is not supported; allowed: s3://bucket or s3://bucket/prefix "
                + "(without --storage, files stay in the data folder)");
        String[] model = run("serve", "--port", "0", "--data", tmp.toString(), "--model", tmp.resolve("missing").toString());
        assertThat(model[0]).isEqualTo("2");
        assertThat(model[1]).startsWith("gallop serve: model folder ").contains("does not exist; allowed: ").doesNotContain("\n");
    }
}
