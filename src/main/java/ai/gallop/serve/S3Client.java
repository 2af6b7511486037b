package ai.gallop.serve;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four S3 calls the service needs (put an object from a file, stream one out, delete one, check the bucket), signed
 * with AWS Signature Version 4 over {@link HttpClient}, path-style ({@code endpoint/bucket/key}), as MinIO, Ceph, R2
 * and Amazon S3 all accept. Every payload is hashed and signed (no UNSIGNED-PAYLOAD), so it works over plain HTTP on
 * servers that insist on it. Connection failures and 5xx answers are retried twice; every error is one line.
 */
final class S3Client implements AutoCloseable {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,200})</Code>"), MESSAGE = Pattern.compile("<Message>([^<]{1,500})</Message>");
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** An object being read: close it when done (it holds a connection). */
    record Download(InputStream stream, long size) {}

    private final S3Location where;
    private final HttpClient http;
    /** The signing clock is the real one: S3 refuses requests more than 15 minutes off, whatever clock the server runs on. */
    private final Clock clock = Clock.systemUTC();

    S3Client(S3Location where) {
        this.where = where;
        // HTTP/1.1: S3-compatible servers speak it everywhere; HTTP/2 upgrade attempts on http:// confuse some of them
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Uploads a file as the object {@code key}, whole: readers see the old object or the new one, never part of it. */
    void put(String key, Path file, String contentType) throws IOException {
        String hash = sha256(file);
        HttpResponse<InputStream> r = send("PUT", key, Map.of(), hash, () -> HttpRequest.BodyPublishers.ofFile(file), contentType);
        expect(r, "PUT", key, 200);
    }

    /** Opens the object {@code key}, or empty when there is none. */
    Optional<Download> get(String key) throws IOException {
        HttpResponse<InputStream> r = send("GET", key, Map.of(), EMPTY_SHA256, HttpRequest.BodyPublishers::noBody, null);
        if (r.statusCode() == 404) {
            r.body().close();
            return Optional.empty();
        }
        expect(r, "GET", key, 200);
        long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        return Optional.of(new Download(r.body(), size));
    }

    /** Deletes the object {@code key}; an absent object is not an error. */
    void delete(String key) throws IOException {
        HttpResponse<InputStream> r = send("DELETE", key, Map.of(), EMPTY_SHA256, HttpRequest.BodyPublishers::noBody, null);
        if (r.statusCode() == 404) {
            r.body().close();
            return;
        }
        expect(r, "DELETE", key, 200, 204);
    }

    /** Every key that starts with {@code keyPrefix}, page by page (ListObjectsV2). */
    List<String> list(String keyPrefix) throws IOException {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new TreeMap<>(Map.of("list-type", "2", "prefix", keyPrefix));
            if (token != null) query.put("continuation-token", token);
            HttpResponse<InputStream> r = send("GET", null, query, EMPTY_SHA256, HttpRequest.BodyPublishers::noBody, null);
            expect(r, "LIST", null, 200);
            String xml;
            try (InputStream body = r.body()) {
                xml = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher key = LISTED_KEY.matcher(xml);
            while (key.find()) keys.add(unescapeXml(key.group(1)));
            Matcher next = NEXT_TOKEN.matcher(xml);
            token = xml.contains("<IsTruncated>true</IsTruncated>") && next.find() ? unescapeXml(next.group(1)) : null;
        } while (token != null);
        return keys;
    }

    private static final Pattern LISTED_KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern NEXT_TOKEN = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** Lists at most one key under the prefix: proves that the bucket exists and the credentials may read it. */
    void check() throws IOException {
        Map<String, String> query = new TreeMap<>(Map.of("list-type", "2", "max-keys", "1", "prefix", where.prefix()));
        HttpResponse<InputStream> r = send("GET", null, query, EMPTY_SHA256, HttpRequest.BodyPublishers::noBody, null);
        expect(r, "LIST", null, 200);
        r.body().close();
    }

    /** A request body, made afresh for each attempt. */
    @FunctionalInterface
    private interface Body {
        HttpRequest.BodyPublisher get() throws IOException;
    }

    private HttpResponse<InputStream> send(String method, String key, Map<String, String> query, String payloadHash,
                                           Body body, String contentType) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<InputStream> r = http.send(sign(method, key, query, payloadHash, body.get(), contentType),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() < 500 || attempt == ATTEMPTS) return r;
                r.body().close();
            } catch (ConnectException | HttpTimeoutException e) {
                last = new IOException("cannot reach the S3 endpoint " + where.endpoint() + " (" + oneLine(e) + "); allowed: a running "
                        + "S3-compatible server at " + S3Location.ENDPOINT, e);
            } catch (IOException e) {
                last = new IOException("S3 " + method + " " + describe(key) + " failed: " + oneLine(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during S3 " + method + " " + describe(key));
            }
            try {
                Thread.sleep(200L * attempt * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during S3 " + method + " " + describe(key));
            }
        }
        throw last;
    }

    /** Releases the HTTP client's connections and selector thread. */
    @Override public void close() { http.close(); }

    /** Builds and signs one request (AWS Signature Version 4, service "s3"). */
    HttpRequest sign(String method, String key, Map<String, String> query, String payloadHash,
                     HttpRequest.BodyPublisher body, String contentType) {
        String path = basePath() + "/" + encode(where.bucket(), false) + (key == null ? "" : "/" + encode(key, true));
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet())
            q.append(q.isEmpty() ? "" : "&").append(encode(e.getKey(), false)).append('=').append(encode(e.getValue(), false));
        URI uri = URI.create(where.endpoint().getScheme() + "://" + where.endpoint().getRawAuthority() + path + (q.isEmpty() ? "" : "?" + q));
        String amzDate = AMZ_DATE.format(clock.instant()), day = amzDate.substring(0, 8);
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", host(uri));
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", amzDate);
        if (where.sessionToken() != null) headers.put("x-amz-security-token", where.sessionToken());
        StringBuilder canonicalHeaders = new StringBuilder();
        for (Map.Entry<String, String> h : headers.entrySet()) canonicalHeaders.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        String signed = String.join(";", headers.keySet());
        String canonical = method + "\n" + path + "\n" + q + "\n" + canonicalHeaders + "\n" + signed + "\n" + payloadHash;
        String scope = day + "/" + where.region() + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + where.secretKey()).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(hmac(hmac(k, where.region()), "s3"), "aws4_request");
        String signature = hex(hmac(k, toSign));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method, body)
                .header("x-amz-content-sha256", payloadHash).header("x-amz-date", amzDate)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + where.accessKey() + "/" + scope + ", SignedHeaders="
                        + signed + ", Signature=" + signature);
        if (where.sessionToken() != null) b.header("x-amz-security-token", where.sessionToken());
        if (contentType != null) b.header("Content-Type", contentType);
        return b.build();
    }

    private String basePath() {
        String p = where.endpoint().getRawPath();
        return p == null || p.equals("/") ? "" : p;
    }

    /** The Host header HttpClient sends: the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private void expect(HttpResponse<InputStream> r, String what, String key, int... ok) throws IOException {
        for (int status : ok) if (r.statusCode() == status) return;
        String body;
        try (InputStream in = r.body()) {
            body = new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
        }
        Matcher code = CODE.matcher(body), message = MESSAGE.matcher(body);
        String detail = code.find() ? code.group(1) + (message.find() ? ": " + message.group(1) : "") : "no details";
        String hint = switch (r.statusCode()) {
            case 403 -> "; allowed: credentials (" + S3Location.ACCESS_KEY + ", " + S3Location.SECRET_KEY + ") that may use this bucket";
            case 404 -> key == null ? "; allowed: an existing bucket (create " + where.bucket() + " first)" : "";
            default -> "";
        };
        throw new IOException("S3 " + what + " " + describe(key) + " at " + where.endpoint() + " answered " + r.statusCode() + " ("
                + detail.replaceAll("\\s+", " ").strip() + ")" + hint);
    }

    private String describe(String key) { return "s3://" + where.bucket() + "/" + (key == null ? where.prefix() : key); }

    /** RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, '/' stays in keys. */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
                    || keepSlash && c == '/') out.append(c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return out.toString();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65_536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) sha.update(buffer, 0, n);
        }
        return hex(sha.digest());
    }

    private static byte[] sha256(byte[] bytes) { return sha().digest(bytes); }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("").strip();
    }
}
