package ai.gallop.serve;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real S3 server in this JVM: s3proxy (the S3 REST API, checking AWS Signature Version 4 on every request) over
 * jclouds' in-memory blob store, on a free port, with one bucket. The test looks into the bucket through the blob
 * store directly, not through the client under test.
 */
final class S3Fixture implements AutoCloseable {
    static final String ACCESS_KEY = "gallop-test-key", SECRET_KEY = "gallop-test-secret/with+odd=chars";
    final String bucket;
    final BlobStoreContext context;
    final BlobStore blobs;
    final S3Proxy proxy;
    final URI endpoint;

    S3Fixture(String bucket) throws Exception {
        this.bucket = bucket;
        // by metadata, not by name: a lookup by name loads every provider s3proxy registers, some needing cloud SDKs left out
        this.context = ContextBuilder.newBuilder(new TransientApiMetadata()).credentials("unused", "unused").build(BlobStoreContext.class);
        this.blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, bucket);
        this.proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long end = System.nanoTime() + 20_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > end) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The environment a server would read: endpoint, region and keys. */
    Map<String, String> env() {
        return Map.of(S3Location.ENDPOINT, endpoint.toString(), S3Location.ACCESS_KEY, ACCESS_KEY,
                S3Location.SECRET_KEY, SECRET_KEY, S3Location.REGION, "us-east-1");
    }

    S3Location location(String prefix) {
        return S3Location.parse("s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix), env());
    }

    /** Every key in the bucket. */
    List<String> keys() { return keys(""); }

    /** The keys that start with {@code prefix}: each test writes under its own. */
    List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (StorageMetadata m : blobs.list(bucket, ListContainerOptions.Builder.recursive()))
            if (m.getName().startsWith(prefix)) keys.add(m.getName());
        return keys.stream().sorted().toList();
    }

    byte[] object(String key) throws java.io.IOException {
        try (var in = blobs.getBlob(bucket, key).getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    void putObject(String key, byte[] bytes) {
        blobs.putBlob(bucket, blobs.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
    }

    @Override public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
