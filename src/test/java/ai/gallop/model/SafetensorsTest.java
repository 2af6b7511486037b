package ai.gallop.model;

import ai.gallop.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @Test
    void tensorsOfEveryCommonTypeRoundTripBitExact(@TempDir Path dir) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("w", ModelFixtures.noise(1, 3, 5));
            tensors.put("half", ModelFixtures.noise(2, 7).to(ScalarType.BFloat16));
            tensors.put("f16", ModelFixtures.noise(3, 2, 2).to(ScalarType.Half));
            tensors.put("ids", Tensor.create(new long[]{Long.MIN_VALUE, -1, 0, 259}, 2, 2));
            tensors.put("bytes", Tensor.create(new byte[]{1, -2, 3}, 3).to(ScalarType.Byte));
            tensors.put("scalar", Tensor.create(new double[]{Math.PI}, new long[0]));
            tensors.put("empty", ModelFixtures.noise(4, 0, 4));
            tensors.put("view", ModelFixtures.noise(5, 4, 6).t());  // not contiguous
            Path file = dir.resolve("t.safetensors");
            Safetensors.write(file, tensors, Map.of("format", "pt"));
            Map<String, Tensor> back = Safetensors.read(file);
            assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
            assertThat(Safetensors.metadata(file)).containsExactly(Map.entry("format", "pt"));
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor b = back.get(e.getKey());
                assertThat(Tensors.type(b)).as(e.getKey()).isEqualTo(Tensors.type(e.getValue()));
                assertThat(b.shape()).as(e.getKey()).containsExactly(e.getValue().shape());
                assertThat(b.equal(e.getValue())).as(e.getKey()).isTrue();
            }
            byte[] again = Files.readAllBytes(file);
            Safetensors.write(file, tensors, Map.of("format", "pt"));
            assertThat(Files.readAllBytes(file)).isEqualTo(again);
        }
    }

    @Test
    void theFileFollowsTheFormat(@TempDir Path dir) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Path file = dir.resolve("f.safetensors");
            Safetensors.write(file, Map.of("b", Tensor.create(new float[]{1.5f, -2f}, 2), "a", Tensor.create(new long[]{7}, 1)), Map.of("k", "v"));
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = buf.getLong();
            assertThat(headerLength % 8).isZero();
            assertThat(bytes.length).isEqualTo(8 + headerLength + 8 + 8);
            JsonNode header = Json.MAPPER.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).strip());
            assertThat(header.get("__metadata__").get("k").asText()).isEqualTo("v");
            assertThat(header.get("a").toString()).isEqualTo("{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}");
            assertThat(header.get("b").toString()).isEqualTo("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}");
            buf.position((int) (8 + headerLength));
            assertThat(buf.getLong()).isEqualTo(7);
            assertThat(buf.getFloat()).isEqualTo(1.5f);
            assertThat(buf.getFloat()).isEqualTo(-2f);
        }
    }

    @Test
    void brokenFilesGiveOneLineIoErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.safetensors");
        Files.write(file, new byte[]{1, 2, 3});
        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(IOException.class).hasMessageEndingWith("3 bytes, shorter than the 8-byte header length");
        try (PointerScope scope = new PointerScope()) {
            Safetensors.write(file, Map.of("w", ModelFixtures.noise(1, 4, 4)), Map.of());
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 4));
        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("tensor 'w' has data_offsets [0, 64) that do not hold 64 bytes inside the 60-byte data section");
        assertThatThrownBy(() -> Safetensors.read(dir.resolve("missing"))).isInstanceOf(IOException.class).hasMessageEndingWith("no such file");
    }
}
