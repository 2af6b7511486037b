package ai.gallop.model;

import ai.gallop.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.empty;

/**
 * The safetensors format (Hugging Face), in pure Java: an 8-byte little-endian header length, a
 * JSON header mapping each tensor name to {dtype, shape, data_offsets [begin, end)} (plus an
 * optional "__metadata__" of strings), padded with spaces to a multiple of 8 bytes, then the raw
 * little-endian data. Files written here load in Python's {@code safetensors} and vice versa.
 *
 * <p>Tensors are written largest element size first, then by name, so every tensor's data starts
 * aligned to its element size and the same tensors always give the same bytes.
 */
public final class Safetensors {
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) throw new IOException("cannot write safetensors on a big-endian machine");
        List<Map.Entry<String, Tensor>> order = new ArrayList<>(tensors.entrySet());
        order.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -elementSize(Tensors.type(e.getValue())))
                .thenComparing(Map.Entry::getKey));
        ObjectNode header = Json.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> meta.put(e.getKey(), e.getValue()));
        }
        List<Tensor> data = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : order) {
            Tensor t = e.getValue().detach().to(new Device(DeviceType.CPU), Tensors.type(e.getValue())).contiguous();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(Tensors.type(t)));
            ArrayNode shape = entry.putArray("shape");
            for (long s : t.shape()) shape.add(s);
            entry.putArray("data_offsets").add(offset).add(offset + t.nbytes());
            offset += t.nbytes();
            data.add(t);
        }
        byte[] json = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(out, head);
            for (Tensor t : data) if (t.nbytes() > 0) writeFully(out, bytesOf(t));
        }
    }

    /** All tensors of a file, on the CPU, in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel in = open(file)) {
            Header header = header(in, file);
            long dataSize = in.size() - header.dataStart();
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : header.json().properties()) {
                if (e.getKey().equals("__metadata__")) continue;
                out.put(e.getKey(), readTensor(in, file, e.getKey(), e.getValue(), header.dataStart(), dataSize));
            }
            return out;
        }
    }

    /** The file's free-form metadata (the header's __metadata__), without reading any tensor; empty when it has none. */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel in = open(file)) {
            Map<String, String> out = new LinkedHashMap<>();
            header(in, file).json().path("__metadata__").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("cannot read " + file + ": no such file");
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** A file's JSON header (every tensor's dtype, shape and offsets, and __metadata__) and where the tensors' bytes start. */
    private record Header(JsonNode json, long dataStart) {}

    private static Header header(FileChannel in, Path file) throws IOException {
        long size = in.size();
        if (size < 8) throw new IOException(file + " is not a safetensors file: " + size + " bytes, shorter than the 8-byte header length");
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size)
            throw new IOException(file + " is not a safetensors file: header length " + headerLength + " does not fit a file of " + size + " bytes");
        ByteBuffer json = ByteBuffer.allocate((int) headerLength);
        readFully(in, json, 8);
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(new String(json.array(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + " has an unreadable safetensors header: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (header == null || !header.isObject()) throw new IOException(file + " has a safetensors header that is not a JSON object");
        return new Header(header, 8 + headerLength);
    }

    private static Tensor readTensor(FileChannel in, Path file, String name, JsonNode entry, long dataStart, long dataSize) throws IOException {
        JsonNode shapeNode = entry.get("shape"), offsets = entry.get("data_offsets"), dtype = entry.get("dtype");
        if (dtype == null || shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray() || offsets.size() != 2)
            throw new IOException(file + ": tensor '" + name + "' lacks dtype, shape or data_offsets");
        ScalarType type = scalarType(dtype.asText(), file, name);
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) throw new IOException(file + ": tensor '" + name + "' has a negative dimension");
            elements = Math.multiplyExact(elements, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1), end = offsets.get(1).asLong(-1), bytes = elements * elementSize(type);
        if (begin < 0 || end < begin || end > dataSize || end - begin != bytes)
            throw new IOException(file + ": tensor '" + name + "' has data_offsets [" + begin + ", " + end + ") that do not hold "
                    + bytes + " bytes inside the " + dataSize + "-byte data section");
        Tensor t = empty(shape, new TensorOptions(type), new org.bytedeco.pytorch.MemoryFormatOptional());
        if (bytes > 0) readFully(in, bytesOf(t), dataStart + begin);
        return t;
    }

    private static ByteBuffer bytesOf(Tensor t) {
        return new BytePointer(t.data_ptr()).capacity(t.nbytes()).asByteBuffer();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, position);
            if (n < 0) throw new IOException("safetensors file ends early");
            position += n;
        }
    }

    private static final Map<String, ScalarType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("F64", ScalarType.Double);
        TYPES.put("F32", ScalarType.Float);
        TYPES.put("F16", ScalarType.Half);
        TYPES.put("BF16", ScalarType.BFloat16);
        TYPES.put("I64", ScalarType.Long);
        TYPES.put("I32", ScalarType.Int);
        TYPES.put("I16", ScalarType.Short);
        TYPES.put("I8", ScalarType.Char);
        TYPES.put("U8", ScalarType.Byte);
        TYPES.put("BOOL", ScalarType.Bool);
    }

    private static String dtypeName(ScalarType type) {
        for (Map.Entry<String, ScalarType> e : TYPES.entrySet()) if (e.getValue() == type) return e.getKey();
        throw new IllegalArgumentException("tensor type " + type + " has no safetensors name; allowed: " + String.join(", ", TYPES.keySet()));
    }

    private static ScalarType scalarType(String name, Path file, String tensor) throws IOException {
        ScalarType t = TYPES.get(name);
        if (t == null) throw new IOException(file + ": tensor '" + tensor + "' has dtype " + name + "; allowed: " + String.join(", ", TYPES.keySet()));
        return t;
    }

    private static int elementSize(ScalarType type) {
        return switch (type) {
            case Double, Long -> 8;
            case Float, Int -> 4;
            case Half, BFloat16, Short -> 2;
            case Char, Byte, Bool -> 1;
            default -> throw new IllegalArgumentException("tensor type " + type + " has no safetensors name; allowed: " + String.join(", ", TYPES.keySet()));
        };
    }
}
