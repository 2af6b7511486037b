package ai.gallop.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where {@code --storage s3://bucket[/prefix]} puts task files, and how to reach it: the endpoint, region and
 * credentials come from the environment, as every S3 tool reads them. Parsing checks everything once, with a one-line
 * error naming what is wrong and what is allowed, so a server never starts half-configured.
 *
 * @param endpoint scheme, host, port (and a base path, if the server has one); requests use path-style addressing
 * @param prefix   "" or segments ending in '/': every key this server writes starts with it
 */
public record S3Location(String bucket, String prefix, URI endpoint, String region, String accessKey, String secretKey,
                         String sessionToken) {
    public static final String ENDPOINT = "GALLOP_S3_ENDPOINT", AWS_ENDPOINT = "AWS_ENDPOINT_URL",
            AWS_ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3", ACCESS_KEY = "AWS_ACCESS_KEY_ID", SECRET_KEY = "AWS_SECRET_ACCESS_KEY",
            SESSION_TOKEN = "AWS_SESSION_TOKEN", REGION = "AWS_REGION", DEFAULT_REGION = "AWS_DEFAULT_REGION";
    /** S3's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** One prefix segment: no '.', '..', empty or odd segments, so a key can never climb out of the prefix. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    static final int MAX_PREFIX_CHARS = 512;

    public S3Location {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains(".."))
            throw new IllegalArgumentException("S3 bucket '" + Ids.printable(bucket) + "' is not a valid name; allowed: 3 to 63 "
                    + "lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        prefix = checkPrefix(prefix);
        if (!REGION_NAME.matcher(region).matches())
            throw new IllegalArgumentException("S3 region '" + Ids.printable(region) + "' is not valid; allowed: e.g. us-east-1");
        if (accessKey.isBlank() || secretKey.isBlank())
            throw new IllegalArgumentException("S3 credentials are blank; allowed: " + ACCESS_KEY + " and " + SECRET_KEY + " with values");
    }

    /**
     * Reads {@code s3://bucket[/prefix]} and the environment: the endpoint from GALLOP_S3_ENDPOINT, AWS_ENDPOINT_URL_S3
     * or AWS_ENDPOINT_URL (else Amazon S3 in AWS_REGION), the credentials from AWS_ACCESS_KEY_ID and
     * AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN when set), the region from AWS_REGION (default us-east-1, which
     * MinIO and most S3-compatible servers expect).
     */
    public static S3Location parse(String storage, Map<String, String> env) {
        if (storage == null || !storage.startsWith("s3://"))
            throw new IllegalArgumentException("storage '" + Ids.printable(storage) + "' is not supported; allowed: s3://bucket or "
                    + "s3://bucket/prefix (without --storage, files stay in the data folder)");
        String rest = storage.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        String region = first(env, REGION, DEFAULT_REGION);
        String endpointText = first(env, ENDPOINT, AWS_ENDPOINT_S3, AWS_ENDPOINT);
        if (endpointText == null && region == null)
            throw new IllegalArgumentException("no S3 endpoint for " + Ids.printable(storage) + "; allowed: set " + ENDPOINT + " (or "
                    + AWS_ENDPOINT + "), e.g. http://localhost:9000 for MinIO, or " + REGION + " for Amazon S3");
        if (region == null) region = "us-east-1";
        URI endpoint = endpointText != null ? endpoint(endpointText) : URI.create("https://s3." + region + ".amazonaws.com");
        String access = env.get(ACCESS_KEY), secret = env.get(SECRET_KEY);
        if (access == null || access.isBlank() || secret == null || secret.isBlank())
            throw new IllegalArgumentException("no S3 credentials for " + Ids.printable(storage) + "; allowed: set " + ACCESS_KEY
                    + " and " + SECRET_KEY + " (and " + SESSION_TOKEN + " for temporary ones)");
        String token = env.get(SESSION_TOKEN);
        return new S3Location(bucket, prefix, endpoint, region, access, secret, token == null || token.isBlank() ? null : token);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return v.strip();
        }
        return null;
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null)
            throw new IllegalArgumentException("S3 endpoint '" + Ids.printable(text) + "' is not valid; allowed: http(s)://host[:port], "
                    + "e.g. http://localhost:9000");
        return uri;
    }

    private static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) return "";
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        boolean ok = prefix.length() <= MAX_PREFIX_CHARS && !trimmed.isEmpty();
        if (ok) for (String segment : trimmed.split("/", -1)) ok &= SEGMENT.matcher(segment).matches() && !segment.equals("..");
        if (!ok)
            throw new IllegalArgumentException("S3 prefix '" + Ids.printable(prefix) + "' is not allowed; allowed: folder names of "
                    + "letters, digits, '.', '_' and '-' separated by '/', e.g. s3://bucket/gallop/prod");
        return trimmed + "/";
    }

    /** {@code s3://bucket/prefix} as a person would write it. */
    public String uri() { return "s3://" + bucket + "/" + prefix; }

    /** The secret stays out of logs and error messages. */
    @Override public String toString() {
        return uri() + " at " + endpoint + " (region " + region + ", key " + accessKey + ")";
    }
}
