package io.aisprint.security.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.secrets.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedVolumeTest {
    private static final byte[] MODEL = "weights: 0.1 0.2 0.3".getBytes(StandardCharsets.UTF_8);

    @Test
    void filesRoundTripAndAreNotStoredInClear(@TempDir Path dir) throws Exception {
        EncryptedVolume volume = new EncryptedVolume(dir, Aead.newKey());
        volume.write("models/round-1.bin", MODEL);
        assertThat(volume.read("models/round-1.bin")).isEqualTo(MODEL);
        assertThat(new String(Files.readAllBytes(dir.resolve("models/round-1.bin")), StandardCharsets.ISO_8859_1)).doesNotContain("weights");
    }

    @Test
    void everyKindOfTamperingIsDetectedOnRead(@TempDir Path dir) throws Exception {
        byte[] key = Aead.newKey();
        EncryptedVolume volume = new EncryptedVolume(dir, key);
        volume.write("a.bin", MODEL);
        volume.write("b.bin", "other".getBytes(StandardCharsets.UTF_8));
        Path a = dir.resolve("a.bin");
        byte[] original = Files.readAllBytes(a);

        for (int position : new int[] {10, original.length / 2, original.length - 1}) {
            byte[] flipped = original.clone();
            flipped[position] ^= 0x40;
            Files.write(a, flipped);
            assertTampered(() -> volume.read("a.bin"));
        }
        Files.write(a, java.util.Arrays.copyOf(original, original.length - 5));
        assertTampered(() -> volume.read("a.bin"));
        Files.copy(dir.resolve("b.bin"), a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTampered(() -> volume.read("a.bin"));
        Files.write(a, original);
        assertTampered(() -> new EncryptedVolume(dir, Aead.newKey()).read("a.bin"));
        assertThat(volume.read("a.bin")).isEqualTo(MODEL);
        assertThatThrownBy(() -> volume.write("../escape.bin", MODEL)).hasMessageContaining("not a path inside the volume");
    }

    private static void assertTampered(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOf(TrustException.class)
            .satisfies(e -> assertThat(((TrustException) e).code()).isEqualTo(TrustErrorCode.TAMPERED));
    }
}
